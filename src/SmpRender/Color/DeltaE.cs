namespace SmpRender.Color;

/// <summary>Colour differences.</summary>
public static class DeltaE
{
    /// <summary>
    /// CIEDE2000 colour difference with k_L = k_C = k_H = 1, implemented as in Sharma, Wu and Dalal,
    /// "The CIEDE2000 colour-difference formula: implementation notes, supplementary test data, and
    /// mathematical observations", Color Research and Application 30(1), 2005.
    /// </summary>
    public static double Ciede2000(Lab x, Lab y)
    {
        const double Pow25To7 = 6103515625.0; // 25^7
        double c1 = Math.Sqrt(x.A * x.A + x.B * x.B);
        double c2 = Math.Sqrt(y.A * y.A + y.B * y.B);
        double cBar = (c1 + c2) / 2;
        double cBar7 = Math.Pow(cBar, 7);
        double g = 0.5 * (1 - Math.Sqrt(cBar7 / (cBar7 + Pow25To7)));
        double a1p = (1 + g) * x.A, a2p = (1 + g) * y.A;
        double c1p = Math.Sqrt(a1p * a1p + x.B * x.B);
        double c2p = Math.Sqrt(a2p * a2p + y.B * y.B);
        double h1p = HueDegrees(x.B, a1p);
        double h2p = HueDegrees(y.B, a2p);

        double dLp = y.L - x.L;
        double dCp = c2p - c1p;
        double dhp;
        if (c1p * c2p == 0)
        {
            dhp = 0;
        }
        else
        {
            dhp = h2p - h1p;
            if (dhp > 180)
            {
                dhp -= 360;
            }
            else if (dhp < -180)
            {
                dhp += 360;
            }
        }
        double dHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dhp / 2));

        double lBarP = (x.L + y.L) / 2;
        double cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (c1p * c2p == 0)
        {
            hBarP = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hBarP = (h1p + h2p) / 2;
        }
        else if (h1p + h2p < 360)
        {
            hBarP = (h1p + h2p + 360) / 2;
        }
        else
        {
            hBarP = (h1p + h2p - 360) / 2;
        }

        double t = 1 - 0.17 * Math.Cos(Rad(hBarP - 30)) + 0.24 * Math.Cos(Rad(2 * hBarP))
            + 0.32 * Math.Cos(Rad(3 * hBarP + 6)) - 0.20 * Math.Cos(Rad(4 * hBarP - 63));
        double dTheta = 30 * Math.Exp(-Math.Pow((hBarP - 275) / 25, 2));
        double cBarP7 = Math.Pow(cBarP, 7);
        double rc = 2 * Math.Sqrt(cBarP7 / (cBarP7 + Pow25To7));
        double l50 = (lBarP - 50) * (lBarP - 50);
        double sl = 1 + 0.015 * l50 / Math.Sqrt(20 + l50);
        double sc = 1 + 0.045 * cBarP;
        double sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.Sin(Rad(2 * dTheta)) * rc;

        double tl = dLp / sl, tc = dCp / sc, th = dHp / sh;
        return Math.Sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
    }

    /// <summary>CIE76: Euclidean distance in CIELAB.</summary>
    public static double Cie76(Lab x, Lab y)
    {
        double dl = x.L - y.L, da = x.A - y.A, db = x.B - y.B;
        return Math.Sqrt(dl * dl + da * da + db * db);
    }

    private static double HueDegrees(double b, double a)
    {
        if (b == 0 && a == 0)
        {
            return 0;
        }
        double h = Math.Atan2(b, a) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;
}

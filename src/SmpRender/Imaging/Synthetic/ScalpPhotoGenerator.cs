using SmpRender.Color;

namespace SmpRender.Imaging.Synthetic;

/// <summary>
/// Generates a deterministic, photo-like image of a shaved scalp seen from above (the face towards the
/// top of the image): a lit dome with soft fall-off to a background wall and a contact shadow, a specular
/// highlight broken up by the skin, mottled skin with pores and fine texture, shaved stubble on the sides
/// and back (a horseshoe fringe), optional sparse hair on the top, optional scars, and sensor noise.
/// The same options give a bit-identical photo.
/// </summary>
public static class ScalpPhotoGenerator
{
    /// <summary>Full stubble density in hairs per mm² (about 80 follicular units per cm², two hairs each).</summary>
    private const double FullHairPerMm2 = 1.6;

    public static SyntheticScalp Generate(ScalpPhotoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int w = options.Width, h = options.Height;
        double rx = 0.42 * w;
        double ry = Math.Min(0.52 * h, 1.25 * rx);
        double cx = 0.5 * w, cy = 0.56 * h;
        double pxPerMm = 2 * rx / options.HeadWidthMm;

        var rng = new SplitMix64(options.Seed);
        float[]? scar = options.Scar == SyntheticScar.None ? null : new float[w * h];
        if (scar is not null)
        {
            DrawScar(options, scar, w, h, cx, cy, rx, ry, pxPerMm, ref rng);
        }

        var hairAlpha = new float[w * h];
        var hairX = new List<float>();
        var hairY = new List<float>();
        PlaceHair(options, hairAlpha, scar, w, h, cx, cy, rx, ry, pxPerMm, ref rng, hairX, hairY);

        Photo photo = Photo.Create(w, h, clear: false);
        Shade(options, photo, hairAlpha, scar, cx, cy, rx, ry, pxPerMm);
        return new SyntheticScalp(photo, options, pxPerMm, cx, cy, rx, ry, hairX.ToArray(), hairY.ToArray(), scar);
    }

    private static double Smoothstep(double e0, double e1, double x)
    {
        double t = Math.Clamp((x - e0) / (e1 - e0), 0, 1);
        return t * t * (3 - 2 * t);
    }

    /// <summary>Weight of the shaved horseshoe fringe (sides and back) at head coordinates.</summary>
    private static double FringeWeight(double u, double v)
    {
        double r = Math.Sqrt(u * u + v * v);
        return Smoothstep(0.60, 0.76, r) * Smoothstep(-0.5, -0.15, v);
    }

    private static void DrawScar(ScalpPhotoOptions o, float[] scar, int w, int h, double cx, double cy, double rx, double ry,
        double pxPerMm, ref SplitMix64 rng)
    {
        var noise = new ValueNoise(o.Seed ^ 0x5CA5UL);
        if (o.Scar == SyntheticScar.FutStrip)
        {
            // A gently curved band across the back of the head, 2-4 mm wide, tapering at its ends.
            double halfWidthPx = 1.5 * pxPerMm;
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    (double u, double v) = HeadCoords(x + 0.5, y + 0.5, cx, cy, rx, ry);
                    if (Math.Abs(u) > 0.8 || u * u + v * v >= 1)
                    {
                        continue;
                    }
                    double vc = 0.62 + 0.16 * u * u + 0.015 * noise.Fbm((float)(u * 6), 0.5f, 2);
                    double taper = 1 - Smoothstep(0.6, 0.8, Math.Abs(u));
                    double hw = halfWidthPx * (0.75 + 0.5 * noise.At((float)(u * 9), 3.5f)) * (0.3 + 0.7 * taper);
                    double d = Math.Abs(v - vc) * ry;
                    double s = Math.Clamp((hw + 1 - d) / 2, 0, 1) * (0.4 + 0.6 * taper);
                    scar[y * w + x] = (float)s;
                }
            }
        }
        else
        {
            // FUE: pale round dots 0.6-1 mm across on the sides and back, one per ~4 mm cell, about half the cells.
            double cell = 4 * pxPerMm;
            for (double gy = cy - ry; gy < cy + ry; gy += cell)
            {
                for (double gx = cx - rx; gx < cx + rx; gx += cell)
                {
                    double px = gx + rng.NextDouble() * cell, py = gy + rng.NextDouble() * cell;
                    double keep = rng.NextDouble(), rad = (0.3 + 0.2 * rng.NextDouble()) * pxPerMm;
                    (double u, double v) = HeadCoords(px, py, cx, cy, rx, ry);
                    if (keep > 0.55 * FringeWeight(u, v))
                    {
                        continue;
                    }
                    int x0 = Math.Max(0, (int)(px - rad - 2)), x1 = Math.Min(w - 1, (int)(px + rad + 2));
                    int y0 = Math.Max(0, (int)(py - rad - 2)), y1 = Math.Min(h - 1, (int)(py + rad + 2));
                    for (int y = y0; y <= y1; y++)
                    {
                        for (int x = x0; x <= x1; x++)
                        {
                            double d = Math.Sqrt((x + 0.5 - px) * (x + 0.5 - px) + (y + 0.5 - py) * (y + 0.5 - py));
                            float s = (float)Math.Clamp(rad + 0.5 - d, 0, 1);
                            int i = y * w + x;
                            scar[i] = Math.Max(scar[i], s);
                        }
                    }
                }
            }
        }
    }

    private static void PlaceHair(ScalpPhotoOptions o, float[] alpha, float[]? scar, int w, int h, double cx, double cy,
        double rx, double ry, double pxPerMm, ref SplitMix64 rng, List<float> hairX, List<float> hairY)
    {
        double cell = pxPerMm / Math.Sqrt(FullHairPerMm2);
        double shaftHalfWidth = 0.04 * pxPerMm;
        for (double gy = cy - ry; gy < cy + ry; gy += cell)
        {
            for (double gx = cx - rx; gx < cx + rx; gx += cell)
            {
                // Draw every random number of the cell first so the stream does not depend on the branch taken.
                double px = gx + rng.NextDouble() * cell, py = gy + rng.NextDouble() * cell;
                double keep = rng.NextDouble(), lenJ = rng.NextDouble(), angJ = rng.NextGaussian(), op = rng.NextDouble();
                if (px < 0 || py < 0 || px >= w || py >= h)
                {
                    continue;
                }
                (double u, double v) = HeadCoords(px, py, cx, cy, rx, ry);
                if (u * u + v * v >= 0.97)
                {
                    continue;
                }
                double p = o.HairDensity * FringeWeight(u, v);
                if (o.ThinningArea is { } thin)
                {
                    p = Math.Max(p, o.ThinningDensity * thin.Weight(u, v, 0.15));
                }
                if (keep >= p || (scar is not null && scar[(int)py * w + (int)px] > 0.05f))
                {
                    continue;
                }
                hairX.Add((float)px);
                hairY.Add((float)py);
                // Hair grows away from the crown whorl, towards the back and the sides.
                double dirX = u - 0.05, dirY = v - 0.2;
                double ang = Math.Atan2(dirY * ry, dirX * rx) + 0.35 * angJ;
                double len = o.HairLengthMm * (0.5 + lenJ) * pxPerMm;
                double ex = px + Math.Cos(ang) * len, ey = py + Math.Sin(ang) * len;
                // The shaft under the skin shows as a soft dark follicle; the stubble above it as a short stroke.
                Stamp(alpha, w, h, px, py, px, py, 0.06 * pxPerMm, 0.55);
                Stamp(alpha, w, h, px, py, ex, ey, shaftHalfWidth, 0.8 + 0.15 * op);
            }
        }
    }

    /// <summary>Adds an anti-aliased capsule from (ax, ay) to (bx, by) into the coverage buffer.</summary>
    private static void Stamp(float[] alpha, int w, int h, double ax, double ay, double bx, double by, double halfWidth, double opacity)
    {
        double hwEff = Math.Max(halfWidth, 0.5);
        double amount = opacity * Math.Min(1, halfWidth / hwEff);
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - hwEff - 1)), x1 = Math.Min(w - 1, (int)Math.Ceiling(Math.Max(ax, bx) + hwEff + 1));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - hwEff - 1)), y1 = Math.Min(h - 1, (int)Math.Ceiling(Math.Max(ay, by) + hwEff + 1));
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++)
        {
            for (int x = x0; x <= x1; x++)
            {
                double qx = x + 0.5 - ax, qy = y + 0.5 - ay;
                double t = len2 > 0 ? Math.Clamp((qx * dx + qy * dy) / len2, 0, 1) : 0;
                double ex = qx - t * dx, ey = qy - t * dy;
                double d = Math.Sqrt(ex * ex + ey * ey);
                double cov = Math.Clamp(hwEff + 0.5 - d, 0, 1) * amount * (1 - 0.3 * t);
                if (cov > 0)
                {
                    int i = y * w + x;
                    alpha[i] = (float)(1 - (1 - alpha[i]) * (1 - cov));
                }
            }
        }
    }

    private static void Shade(ScalpPhotoOptions o, Photo photo, float[] hairAlpha, float[]? scar, double cx, double cy,
        double rx, double ry, double pxPerMm)
    {
        int w = photo.Width, h = photo.Height;
        LinearRgb skin = o.Skin.ToLinear();
        LinearRgb hair = o.Hair.ToLinear();
        LinearRgb wall = o.Background.ToLinear();
        var noise = new ValueNoise(o.Seed);

        // Main light from the upper left and slightly in front.
        double lx = -0.25, ly = -0.35, lz = 1.0, ln = Math.Sqrt(lx * lx + ly * ly + lz * lz);
        lx /= ln; ly /= ln; lz /= ln;
        double hx = lx, hy = ly, hz = lz + 1, hn = Math.Sqrt(hx * hx + hy * hy + hz * hz);
        hx /= hn; hy /= hn; hz /= hn;
        const double Ambient = 0.3;
        // Irradiance is 1 on average on the circle a third of the way from the top of the head to its edge
        // (r = 0.35), so the skin colour given is what a typical treatment zone on the top shows.
        const double LightGain = 1.056;
        double diffuseGain = (1 - Ambient) / lz;

        double poreCell = 0.55 * pxPerMm;           // pores about 0.55 mm apart
        double poreSigma = Math.Max(0.05 * pxPerMm, 0.55);
        double poreAmp = 0.22 * o.PoreStrength * Math.Min(1, Math.Pow(0.05 * pxPerMm / poreSigma, 2));
        float texScale = (float)(1 / (0.35 * pxPerMm)); // fine texture at ~0.35 mm
        float mottleScale = (float)(1 / (12 * pxPerMm)); // mottling at ~12 mm
        double reliefScale = 1 / (20 * pxPerMm);          // relief at ~20 mm
        double edgePx = Math.Max(1.2, 0.6 * pxPerMm);   // the head's silhouette is slightly soft

        ulong noiseSeed = SplitMix64.Mix(o.Seed ^ 0x5E5502UL);
        // Rows are independent (every random value is a hash of the seed and the pixel), so they run in parallel
        // and the photo is the same whatever the number of threads.
        Parallel.For(0, h, y =>
        {
            Span<byte> row = photo.Row(y);
            for (int x = 0; x < w; x++)
            {
                double px = x + 0.5, py = y + 0.5;
                (double u, double v) = HeadCoords(px, py, cx, cy, rx, ry);
                double r2 = u * u + v * v, r = Math.Sqrt(r2);

                // Background: a wall, lighter at the top, with a soft contact shadow around the head.
                double wallGrad = 1.08 - 0.22 * y / h + 0.04 * noise.Fbm((float)(px / w * 3), (float)(py / h * 3), 3);
                double shadow = 1 - 0.35 * Math.Exp(-Math.Max(0, r - 1) * 9);
                double br = wall.R * wallGrad * shadow, bg = wall.G * wallGrad * shadow, bb = wall.B * wallGrad * shadow;

                // Ears: at the sides, a little behind the top of the head, showing past the outline.
                double earU = Math.Abs(u) - 1.0, earV = v - 0.22;
                double ear = (earU / 0.075) * (earU / 0.075) + (earV / 0.17) * (earV / 0.17);
                if (ear < 1.2 && r > 0.95)
                {
                    double earCov = Math.Clamp((1 - ear) * 6, 0, 1);
                    double earShade = 0.5 + 0.25 * (1 - earU / 0.075) * (u < 0 ? 1.2 : 0.8);
                    br += earCov * (skin.R * 1.05 * earShade - br);
                    bg += earCov * (skin.G * 0.92 * earShade - bg);
                    bb += earCov * (skin.B * 0.92 * earShade - bb);
                }

                // Silhouette coverage: distance to the ellipse edge in pixels (approximate).
                double edgeDist = (1 - r) * Math.Min(rx, ry);
                double headCov = Math.Clamp(0.5 + edgeDist / edgePx, 0, 1);
                double outR = br, outG = bg, outB = bb;
                if (headCov > 0)
                {
                    double rr = Math.Min(r2, 0.9999);
                    double nz = Math.Sqrt(1 - rr), nx = u, ny = v;
                    // Gentle relief of the skull and scalp (~20 mm bumps) tilts the normal a little.
                    float bx = (float)(px * reliefScale), by = (float)(py * reliefScale);
                    const float H = 0.15f;
                    double gx = (noise.Fbm(bx + H, by + 7.3f, 2) - noise.Fbm(bx - H, by + 7.3f, 2)) / (2 * H);
                    double gy = (noise.Fbm(bx, by + 7.3f + H, 2) - noise.Fbm(bx, by + 7.3f - H, 2)) / (2 * H);
                    nx += 0.07 * gx * nz;
                    ny += 0.07 * gy * nz;
                    double nn = Math.Sqrt(nx * nx + ny * ny + nz * nz);
                    nx /= nn; ny /= nn; nz /= nn;
                    double ndotl = Math.Max(0, nx * lx + ny * ly + nz * lz);
                    double e = (Ambient * (0.55 + 0.45 * nz) + diffuseGain * ndotl) * LightGain;

                    // Albedo: mottling and redness, fine texture, pores.
                    float mu = (float)(px * mottleScale), mv = (float)(py * mottleScale);
                    double mottle = 0.08 * noise.Fbm(mu, mv, 4);
                    double red = 0.10 * noise.Fbm(mu * 1.7f + 11, mv * 1.7f, 3) + 0.03 * (1 - r2);
                    double tex = 0.05 * o.PoreStrength * noise.Fbm((float)(px * texScale), (float)(py * texScale), 2);
                    double pore = PoreDarkening(o.Seed ^ 0xB0BAUL, px, py, poreCell, poreSigma) * poreAmp;
                    double k = (1 + mottle + tex) * (1 - pore);
                    double ar = skin.R * k * (1 + red), ag = skin.G * k * (1 - 0.3 * red), ab = skin.B * k * (1 - 0.3 * red);

                    // Stubble under the skin gives the shaved fringe a faint cool shadow.
                    double fringe = o.HairDensity * FringeWeight(u, v);
                    ar *= 1 - 0.22 * fringe; ag *= 1 - 0.19 * fringe; ab *= 1 - 0.14 * fringe;

                    if (scar is not null)
                    {
                        double s = scar[y * w + x];
                        if (s > 0)
                        {
                            // Hypopigmented scar: paler, less saturated, faintly pink.
                            double grey = (ar + ag + ab) / 3 * 1.3 + 0.03;
                            ar += s * 0.45 * (grey * 1.04 - ar);
                            ag += s * 0.45 * (grey * 0.97 - ag);
                            ab += s * 0.45 * (grey * 0.96 - ab);
                        }
                    }

                    double a = hairAlpha[y * w + x];
                    double sr = ar + a * (hair.R - ar), sg = ag + a * (hair.G - ag), sb = ab + a * (hair.B - ab);
                    // Light scattered inside the skin makes the shaded side warmer and more saturated.
                    double sat = 0.2 * Math.Max(0, 1 - e);
                    double lum = 0.2126 * sr + 0.7152 * sg + 0.0722 * sb;
                    sr = Math.Max(0, sr + sat * (sr - lum) * 1.3); sg = Math.Max(0, sg + sat * (sg - lum)); sb = Math.Max(0, sb + sat * (sb - lum) * 1.2);
                    sr *= e; sg *= e; sb *= e;

                    // Specular: a highlight near the light's reflection, broken by pores and texture, absent on hair.
                    double ndoth = Math.Max(0, nx * hx + ny * hy + nz * hz);
                    double spec = o.Shine * (0.30 * Math.Pow(ndoth, 80) + 0.015 * Math.Pow(ndoth, 10));
                    spec *= (0.75 + 3 * tex / Math.Max(0.01, o.PoreStrength) + 0.5 * noise.Fbm((float)(px * texScale * 0.5f), (float)(py * texScale * 0.5f), 2)) * (1 - 2 * pore) * (1 - a);
                    spec = Math.Max(0, spec);
                    sr += spec * 1.0; sg += spec * 0.98; sb += spec * 0.95;

                    outR = br + headCov * (sr - br);
                    outG = bg + headCov * (sg - bg);
                    outB = bb + headCov * (sb - bb);
                }

                // Sensor noise in code values: mostly luminance, a little chroma.
                double nl = Gaussian(noiseSeed, x, y, 0) * o.Noise;
                double ncR = Gaussian(noiseSeed, x, y, 1) * o.Noise * 0.4, ncB = Gaussian(noiseSeed, x, y, 2) * o.Noise * 0.4;
                int i = x * 4;
                row[i] = Encode(outR, nl + ncR);
                row[i + 1] = Encode(outG, nl);
                row[i + 2] = Encode(outB, nl + ncB);
                row[i + 3] = 255;
            }
        });
    }

    /// <summary>A standard normal value from a hash of the seed, the pixel and a channel (Box-Muller).</summary>
    private static double Gaussian(ulong seed, int x, int y, int channel)
    {
        ulong s = seed + (ulong)channel * 0xA24BAED4963EE407UL;
        double u1 = 1.0 - SplitMix64.Hash01(s, x, y), u2 = SplitMix64.Hash01(s ^ 0x9FB21C651E98DF25UL, y, x);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// Head coordinates of a pixel. The outline is not a plain ellipse: the head is narrower at the
    /// front (top of the image) than at the back.
    /// </summary>
    internal static (double U, double V) HeadCoords(double px, double py, double cx, double cy, double rx, double ry)
    {
        double v = (py - cy) / ry;
        double u = (px - cx) / (rx * (1 + 0.07 * Math.Clamp(v, -1, 1)));
        return (u, v);
    }

    private static byte Encode(double linear, double noiseCodes)
    {
        double s = Srgb.FromLinear(Math.Clamp(linear, 0, 1)) * 255 + noiseCodes;
        return (byte)Math.Clamp((int)Math.Round(s), 0, 255);
    }

    /// <summary>Darkening (0..1) from the nearest pore: one pore per cell at a random place, random depth.</summary>
    private static double PoreDarkening(ulong seed, double px, double py, double cell, double sigma)
    {
        int ix = (int)Math.Floor(px / cell), iy = (int)Math.Floor(py / cell);
        double best = 0;
        for (int j = -1; j <= 1; j++)
        {
            for (int i = -1; i <= 1; i++)
            {
                int cxI = ix + i, cyI = iy + j;
                double ox = (cxI + SplitMix64.Hash01(seed, cxI, cyI * 3 + 1)) * cell;
                double oy = (cyI + SplitMix64.Hash01(seed, cxI * 7 + 5, cyI)) * cell;
                double depth = 0.4 + 0.6 * SplitMix64.Hash01(seed, cxI + 13, cyI - 17);
                double d2 = (px - ox) * (px - ox) + (py - oy) * (py - oy);
                double g = depth * Math.Exp(-d2 / (2 * sigma * sigma));
                best = Math.Max(best, g);
            }
        }
        return best;
    }
}

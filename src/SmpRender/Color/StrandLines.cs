using SmpRender.Imaging;

namespace SmpRender.Color;

/// <summary>
/// A line operator at the scale of hair strands, which tells whether the strands in a photo are lighter or darker
/// than what lies between them. Through a pixel, the mean brightness along straight segments of about 1 mm in 8 directions
/// (every 22.5°): along a strand, the segment lies on the strand all its length, and its mean stands out from the
/// others (above them for a light strand, below for a dark one); across strands, and in the gaps between them, which
/// are short and closed by other strands, the means mix strand and skin. The pixel's vote is
/// max + min − 2 × mean of the 8 means: positive where a light strand stands out more than a dark one. Round pores,
/// noise and smooth shading vote about 0.
/// </summary>
internal sealed class StrandLines
{
    /// <summary>Directions of the segments.</summary>
    private const int Directions = 8;

    /// <summary>Points of a segment on each side of its centre.</summary>
    private const int Half = 4;

    /// <summary>Half length of a segment, mm.</summary>
    private const double HalfLengthMm = 0.5;

    private readonly int[] _dx;
    private readonly int[] _dy;
    private readonly int[] _offsets;
    private readonly int _points, _reach;
    private readonly Photo _photo;

    /// <summary>The operator on a photo at <paramref name="pxPerMm"/>.</summary>
    public StrandLines(Photo photo, double pxPerMm)
    {
        _photo = photo;
        // Points at least a pixel apart, 9 of them over about 1 mm.
        double step = Math.Max(1, HalfLengthMm * pxPerMm / Half);
        const int half = Half;
        _points = 2 * half + 1;
        _reach = (int)Math.Ceiling(half * step);
        _dx = new int[Directions * _points];
        _dy = new int[Directions * _points];
        _offsets = new int[Directions * _points];
        for (int m = 0; m < Directions; m++)
        {
            double angle = m * Math.PI / Directions;
            for (int j = -half; j <= half; j++)
            {
                int k = m * _points + j + half;
                _dx[k] = (int)Math.Round(j * step * Math.Cos(angle));
                _dy[k] = (int)Math.Round(j * step * Math.Sin(angle));
                _offsets[k] = _dy[k] * photo.Stride + _dx[k] * Photo.Channels;
            }
        }
    }

    /// <summary>
    /// The vote at pixel (x, y): max + min − 2 × mean of the segments' mean <see cref="Brightness"/> (points past the
    /// photo's edge are read at the edge).
    /// </summary>
    public float Vote(int x, int y)
    {
        ReadOnlySpan<byte> pixels = _photo.Pixels;
        int w = _photo.Width - 1, h = _photo.Height - 1;
        bool inside = x >= _reach && y >= _reach && x + _reach <= w && y + _reach <= h;
        int centre = y * _photo.Stride + x * Photo.Channels;
        // The centre, shared by every segment, is read once.
        float middle = Brightness(pixels[centre], pixels[centre + 1], pixels[centre + 2]);
        float max = float.MinValue, min = float.MaxValue, all = 0;
        for (int m = 0; m < Directions; m++)
        {
            float sum = middle;
            for (int k = m * _points, end = k + _points; k < end; k++)
            {
                if (k - m * _points == Half)
                {
                    continue;
                }
                int i = inside ? centre + _offsets[k]
                    : Math.Clamp(y + _dy[k], 0, h) * _photo.Stride + Math.Clamp(x + _dx[k], 0, w) * Photo.Channels;
                sum += Brightness(pixels[i], pixels[i + 1], pixels[i + 2]);
            }
            sum /= _points;
            all += sum;
            max = MathF.Max(max, sum);
            min = MathF.Min(min, sum);
        }
        return max + min - 2 * all / Directions;
    }

    /// <summary>
    /// The luminance to the power 0.75, 0 to 1. It weighs light strands on deep skin and dark strands on light skin
    /// alike where L* (about a cube root) or a square root would favour the dark ones: where the camera mixes
    /// strands with the skin, they flatten a mass of light strands on deep skin, and the gaps between the strands
    /// stand out instead (more so the less the strands are resolved); linear luminance, the other way, lets
    /// specular highlights outvote hair.
    /// </summary>
    internal static float Brightness(byte r, byte g, byte b)
    {
        float y = Srgb.Luminance(r, g, b);
        return BrightnessTable[Math.Clamp((int)(y * (BrightnessSteps - 1) + 0.5f), 0, BrightnessSteps - 1)];
    }

    /// <summary>
    /// Steps of the luminance in <see cref="BrightnessTable"/>: from one step to the next, the brightness of the
    /// deepest skin (Monk 10) moves by about a fiftieth of <see cref="StrandTally.StrongVote"/>, of black by a ninth.
    /// </summary>
    private const int BrightnessSteps = 16384;

    private static readonly float[] BrightnessTable = BuildBrightnessTable();

    private static float[] BuildBrightnessTable()
    {
        var table = new float[BrightnessSteps];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (float)Math.Pow(i / (double)(BrightnessSteps - 1), 0.75);
        }
        return table;
    }
}

/// <summary>
/// The votes of <see cref="StrandLines"/> over a region, and the verdict: strands lighter than the skin when at least
/// <see cref="MinStrongShare"/> of the votes stand out from noise (|vote| at least <see cref="StrongVote"/>) and
/// those votes sum to more than 0. On bare skin, noise, pores, glints and the skin's fine lines give a few percent of
/// such votes, and hair several tens.
/// </summary>
internal struct StrandTally
{
    /// <summary>The least |vote| that stands out from sensor noise and skin texture (in <see cref="StrandLines.Brightness"/>).</summary>
    public const float StrongVote = 0.006f;

    /// <summary>The least share of the votes that must stand out for a verdict of light strands.</summary>
    public const double MinStrongShare = 0.15;

    /// <summary>Votes counted.</summary>
    public long Count { get; private set; }

    /// <summary>Votes that stand out.</summary>
    public long Strong { get; private set; }

    /// <summary>Sum of the votes that stand out.</summary>
    public double StrongSum { get; private set; }

    public void Add(float vote)
    {
        Count++;
        if (MathF.Abs(vote) >= StrongVote)
        {
            Strong++;
            StrongSum += vote;
        }
    }

    public void Add(StrandTally other)
    {
        Count += other.Count;
        Strong += other.Strong;
        StrongSum += other.StrongSum;
    }

    /// <summary>Whether the strands are lighter than the skin.</summary>
    public readonly bool LightStrands => Strong > 0 && Strong >= MinStrongShare * Count && StrongSum > 0;
}

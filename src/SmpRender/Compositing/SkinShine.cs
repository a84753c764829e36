using SmpRender.Color;
using SmpRender.Imaging;

namespace SmpRender.Compositing;

/// <summary>
/// How much of the light at each place of a photo is the skin's own colour, which pigment under the skin darkens, rather
/// than shine reflected by the skin's surface, which lies over the pigment and which it does not darken.
/// </summary>
/// <remarks>
/// A pixel of skin in linear light is the skin's colour S scaled by its shading, a·S, plus the shine s, which has the
/// light's colour (taken as white): P = a·S + s·(1, 1, 1). With S the client's skin tone, a and s are the least-squares
/// fit over the three channels, s held between 0 and the pixel's smallest channel. Only pixels far brighter than the
/// skin are taken to shine: none less than 35 % of the way from the skin's luminance to white, all from 65 %,
/// smoothly between: from 1.3 to 1.6 times the skin's luminance on Monk 5 skin, 3.4 to 5.4 on Monk 7, 20 to 36 on
/// Monk 10, so that on deep skin a lit side of the head, grey hairs and noise change nothing. A camera also renders a
/// brightly lit side of the head paler and greyer than the skin (its tone curve rolls highlights off toward white), which
/// the fit would take for shine; glare, a reflection of the light itself, is near white: none is taken where the
/// pixel's smallest channel is below 0.55 in linear light (195 in sRGB), all from 0.8 (231), smoothly between. Colour alone cannot tell
/// shine from paler skin (a hypopigmented scar is whiter too): on light skin the gate keeps pale patches out, and on
/// the plan's scar zones the compositor takes nothing for shine. The skin's share of a pixel is then 1 − s / Y, Y its
/// luminance. Shine changes over millimetres: the share is read on a grid of 8 px blocks over the dots' bounding box
/// (the mean of the 2×2 pixels at each block's centre, before any dot is drawn) and interpolated between. On a blown highlight the dots fade into the
/// shine, as in life, and on a white background they vanish.
/// </remarks>
internal sealed class SkinShine
{
    /// <summary>
    /// A pixel whose luminance is less than this share of the way from the skin's luminance to white is taken to have no
    /// shine.
    /// </summary>
    public const float From = 0.35f;

    /// <summary>From this share of the way from the skin's luminance to white, the whole shine fit counts.</summary>
    public const float Full = 0.65f;

    /// <summary>
    /// A pixel whose smallest channel, in linear light, is below this is taken to have no shine, whatever its colour.
    /// </summary>
    public const float WhiteFrom = 0.55f;

    /// <summary>From this smallest channel, in linear light, the shine fit counts whole (if the luminance gate lets it).</summary>
    public const float WhiteFull = 0.8f;

    private const int Block = 8;

    private readonly float _dr;
    private readonly float _dg;
    private readonly float _db;
    private readonly float _mean;
    private readonly float _inverseSpread;
    private readonly float _from;
    private readonly float _inverseRamp;
    private readonly int _gridLeft;
    private readonly int _gridTop;
    private readonly int _gridWidth;
    private readonly int _gridHeight;
    private readonly float[] _share;
    private readonly bool _anyShine;

    /// <summary>Reads the shine of <paramref name="photo"/> for a client of skin tone <paramref name="skin"/>.</summary>
    /// <param name="photo">The photo before any dot is drawn.</param>
    /// <param name="skin">The client's skin colour, linear.</param>
    /// <param name="dots">The box holding every dot centre asked about later (empty: none).</param>
    /// <param name="parallel">Threads to read the photo on; null reads it on the calling thread. The result does not depend on it.</param>
    public SkinShine(Photo photo, LinearRgb skin, (float X0, float Y0, float X1, float Y1) dots, ParallelOptions? parallel = null)
    {
        float r = (float)skin.R, g = (float)skin.G, b = (float)skin.B;
        _mean = (r + g + b) / 3f;
        _dr = r - _mean;
        _dg = g - _mean;
        _db = b - _mean;
        float spread = _dr * _dr + _dg * _dg + _db * _db;
        // A skin of nearly no colour cannot be told from shine: nothing is taken for shine.
        _inverseSpread = spread > 1e-6f ? 1f / spread : 0f;
        float luminance = 0.2126729f * r + 0.7151522f * g + 0.0721750f * b;
        float headroom = MathF.Max(1f - luminance, 0f);
        _from = luminance + From * headroom;
        _inverseRamp = headroom > 0 ? 1f / ((Full - From) * headroom) : 0f;
        // The blocks whose centres surround some dot: the grid points a dot's interpolation reads.
        int blocksWide = (photo.Width + Block - 1) / Block, blocksHigh = (photo.Height + Block - 1) / Block;
        _gridLeft = Math.Clamp((int)MathF.Floor((dots.X0 - 0.5f * Block) / Block), 0, blocksWide - 1);
        _gridTop = Math.Clamp((int)MathF.Floor((dots.Y0 - 0.5f * Block) / Block), 0, blocksHigh - 1);
        int right = Math.Clamp((int)MathF.Floor((dots.X1 - 0.5f * Block) / Block) + 2, 0, blocksWide);
        int bottom = Math.Clamp((int)MathF.Floor((dots.Y1 - 0.5f * Block) / Block) + 2, 0, blocksHigh);
        bool any = dots.X0 <= dots.X1 && dots.Y0 <= dots.Y1 && right > _gridLeft && bottom > _gridTop;
        _gridWidth = any ? right - _gridLeft : 0;
        _gridHeight = any ? bottom - _gridTop : 0;
        _share = new float[_gridWidth * _gridHeight];
        int shining = 0;
        void Row(int j)
        {
            bool any = false;
            for (int i = 0; i < _gridWidth; i++)
            {
                float share = Share(photo, _gridLeft + i, _gridTop + j);
                _share[j * _gridWidth + i] = share;
                any |= share < 1f;
            }
            if (any)
            {
                Volatile.Write(ref shining, 1);
            }
        }
        if (parallel is null)
        {
            for (int j = 0; j < _gridHeight; j++)
            {
                Row(j);
            }
        }
        else
        {
            Parallel.For(0, _gridHeight, parallel, Row);
        }
        _anyShine = shining != 0;
    }

    /// <summary>The share of the light at (x, y) that is the skin's own, 0..1 (exactly 1 where nothing shines near).</summary>
    public float DiffuseShare(float x, float y)
    {
        if (!_anyShine)
        {
            return 1f;
        }
        float gx = MathF.Min(MathF.Max((x - 0.5f * Block) * (1f / Block) - _gridLeft, 0f), _gridWidth - 1);
        float gy = MathF.Min(MathF.Max((y - 0.5f * Block) * (1f / Block) - _gridTop, 0f), _gridHeight - 1);
        if (!(gx >= 0 && gy >= 0))
        {
            return 1f;
        }
        int i0 = (int)gx, j0 = (int)gy, i1 = Math.Min(i0 + 1, _gridWidth - 1), j1 = Math.Min(j0 + 1, _gridHeight - 1);
        float tx = gx - i0, ty = gy - j0;
        float s00 = _share[j0 * _gridWidth + i0], s10 = _share[j0 * _gridWidth + i1];
        float s01 = _share[j1 * _gridWidth + i0], s11 = _share[j1 * _gridWidth + i1];
        if (s00 == 1f && s10 == 1f && s01 == 1f && s11 == 1f)
        {
            return 1f;
        }
        float top = s00 + (s10 - s00) * tx, bottom = s01 + (s11 - s01) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary>The skin's share at the centre of block (i, j): the mean of its 2×2 central pixels.</summary>
    private float Share(Photo photo, int i, int j)
    {
        int x0 = Math.Min(i * Block + Block / 2 - 1, photo.Width - 1), y0 = Math.Min(j * Block + Block / 2 - 1, photo.Height - 1);
        int x1 = Math.Min(x0 + 1, photo.Width - 1), y1 = Math.Min(y0 + 1, photo.Height - 1);
        ReadOnlySpan<float> decode = Srgb.DecodeLut;
        ReadOnlySpan<byte> top = photo.Row(y0), bottom = photo.Row(y1);
        int a = 4 * x0, b = 4 * x1;
        float pr = 0.25f * (decode[top[a]] + decode[top[b]] + decode[bottom[a]] + decode[bottom[b]]);
        float pg = 0.25f * (decode[top[a + 1]] + decode[top[b + 1]] + decode[bottom[a + 1]] + decode[bottom[b + 1]]);
        float pb = 0.25f * (decode[top[a + 2]] + decode[top[b + 2]] + decode[bottom[a + 2]] + decode[bottom[b + 2]]);
        float luminance = 0.2126729f * pr + 0.7151522f * pg + 0.0721750f * pb;
        float least = MathF.Min(pr, MathF.Min(pg, pb));
        if (!(luminance > _from) || !(least > WhiteFrom) || _inverseSpread == 0 || _inverseRamp == 0)
        {
            return 1f;
        }
        float mean = (pr + pg + pb) / 3f;
        float shade = MathF.Max(0f, (_dr * (pr - mean) + _dg * (pg - mean) + _db * (pb - mean)) * _inverseSpread);
        float shine = MathF.Min(MathF.Max(mean - shade * _mean, 0f), least);
        float t = MathF.Min((luminance - _from) * _inverseRamp, 1f);
        float w = MathF.Min((least - WhiteFrom) * (1f / (WhiteFull - WhiteFrom)), 1f);
        float weight = t * t * (3f - 2f * t) * w * w * (3f - 2f * w);
        return MathF.Min(MathF.Max(1f - weight * shine / luminance, 0f), 1f);
    }
}

namespace SmpRender.Imaging;

/// <summary>Container formats SmpRender reads or writes.</summary>
public enum PhotoFormat
{
    Unknown = 0,
    Jpeg,
    Png,
    WebP,
    Heif,
    Avif,
}

namespace SmpRender.IO;

/// <summary>
/// A photo could not be read or written. <see cref="Exception.Message"/> is one line:
/// <c>path: CODEC: reason</c> (or <c>path: reason</c> for file-level errors).
/// </summary>
public class PhotoException : Exception
{
    public PhotoException(string path, string codec, string reason, Exception? inner = null)
        : base(Format(path, codec, OneLine(reason)), inner)
    {
        Path = path;
        Codec = codec;
        Reason = OneLine(reason);
    }

    /// <summary>The file (or name given for in-memory data) the error is about.</summary>
    public string Path { get; }

    /// <summary>The codec involved (JPEG, PNG, WebP, HEIF, AVIF, ICC), or empty for file-level errors.</summary>
    public string Codec { get; }

    /// <summary>What went wrong, in a few words.</summary>
    public string Reason { get; }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Format(string path, string codec, string reason) =>
        string.IsNullOrEmpty(codec) ? $"{path}: {reason}" : $"{path}: {codec}: {reason}";
}

/// <summary>A native codec library is not installed; the message names the package to install.</summary>
public sealed class NativeLibraryMissingException : PhotoException
{
    public NativeLibraryMissingException(string path, string codec, string library, string package, Exception? inner = null)
        : base(path, codec, $"native library {library} is missing (install the Debian package {package}: apt-get install {package})", inner)
    {
        Library = library;
        Package = package;
    }

    /// <summary>The soname that could not be loaded, e.g. <c>libturbojpeg.so.0</c>.</summary>
    public string Library { get; }

    /// <summary>The Debian/Ubuntu package providing it, e.g. <c>libturbojpeg0</c>.</summary>
    public string Package { get; }
}

/// <summary>An output file could not be written. The message is one line naming the output.</summary>
public sealed class OutputException : IOException
{
    public OutputException(string path, string reason, Exception? inner = null)
        : base($"{path}: cannot write: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    public string Path { get; }

    public string Reason { get; }
}

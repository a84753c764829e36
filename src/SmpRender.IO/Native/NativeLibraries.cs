using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>
/// Loads the native codec libraries by their versioned soname and names the Debian package
/// to install when one is missing.
/// </summary>
internal static class NativeLibraries
{
    public const string TurboJpeg = "turbojpeg";
    public const string Png = "png16";
    public const string WebP = "webp";
    public const string Heif = "heif";
    public const string Lcms = "lcms2";
    public const string FreeType = "freetype";
    public const string C = "c";

    private static readonly Dictionary<string, (string Soname, string Package)> Known = new()
    {
        [TurboJpeg] = ("libturbojpeg.so.0", "libturbojpeg0"),
        [Png] = ("libpng16.so.16", "libpng16-16"),
        [WebP] = ("libwebp.so.7", "libwebp7"),
        [Heif] = ("libheif.so.1", "libheif1"),
        [Lcms] = ("liblcms2.so.2", "liblcms2-2"),
        [FreeType] = ("libfreetype.so.6", "libfreetype6"),
        [C] = ("libc.so.6", "libc6"),
    };

    private static readonly ConcurrentDictionary<string, nint> Handles = new();

    static NativeLibraries()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The Debian package that provides a library.</summary>
    public static string PackageOf(string library) => Known[library].Package;

    /// <summary>The versioned soname of a library.</summary>
    public static string SonameOf(string library) => Known[library].Soname;

    /// <summary>Loads a library (once) or throws <see cref="NativeLibraryMissingException"/>.</summary>
    public static void Require(string library, string pathForErrors, string codec)
    {
        if (Handles.ContainsKey(library))
        {
            return;
        }
        (string soname, string package) = Known[library];
        Handles.TryAdd(library, RequireSoname(soname, package, pathForErrors, codec));
    }

    /// <summary>Loads a library by soname or throws the one-line error naming its package.</summary>
    internal static nint RequireSoname(string soname, string package, string pathForErrors, string codec)
    {
        if (!TryLoad(soname, out nint handle))
        {
            throw new NativeLibraryMissingException(pathForErrors, codec, soname, package);
        }
        return handle;
    }

    /// <summary>Loads a library by an explicit soname; exposed so the missing-library path can be exercised.</summary>
    internal static bool TryLoad(string soname, out nint handle) =>
        NativeLibrary.TryLoad(soname, typeof(NativeLibraries).Assembly, DllImportSearchPath.SafeDirectories, out handle)
        || NativeLibrary.TryLoad(soname, out handle);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (Handles.TryGetValue(name, out nint handle))
        {
            return handle;
        }
        if (Known.TryGetValue(name, out var entry) && TryLoad(entry.Soname, out handle))
        {
            Handles.TryAdd(name, handle);
            return handle;
        }
        return 0;
    }

    /// <summary>Maps a <see cref="DllNotFoundException"/> that escaped <see cref="Require"/> to the one-line error.</summary>
    public static NativeLibraryMissingException Explain(DllNotFoundException ex, string library, string pathForErrors, string codec)
    {
        (string soname, string package) = Known[library];
        return new NativeLibraryMissingException(pathForErrors, codec, soname, package, ex);
    }
}

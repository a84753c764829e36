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

    /// <summary>
    /// The libraries, their sonames and packages, and the handle once loaded. A plain array: generic
    /// dictionaries over these types are not precompiled and would be compiled on every first photo.
    /// </summary>
    private static readonly Library[] Known =
    [
        new(TurboJpeg, "libturbojpeg.so.0", "libturbojpeg0"),
        new(Png, "libpng16.so.16", "libpng16-16"),
        new(WebP, "libwebp.so.7", "libwebp7"),
        new(Heif, "libheif.so.1", "libheif1"),
        new(Lcms, "liblcms2.so.2", "liblcms2-2"),
        new(FreeType, "libfreetype.so.6", "libfreetype6"),
        new(C, "libc.so.6", "libc6"),
    ];

    private sealed class Library(string name, string soname, string package)
    {
        public string Name { get; } = name;

        public string Soname { get; } = soname;

        public string Package { get; } = package;

        /// <summary>The loaded library, or 0; set once (a second load of the same soname returns the same handle).</summary>
        public nint Handle;
    }

    private static Library Find(string name) =>
        TryFind(name) ?? throw new KeyNotFoundException($"unknown native library '{name}'");

    private static Library? TryFind(string name)
    {
        foreach (Library library in Known)
        {
            if (library.Name == name)
            {
                return library;
            }
        }
        return null;
    }

    static NativeLibraries()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
    }

    /// <summary>The Debian package that provides a library.</summary>
    public static string PackageOf(string library) => Find(library).Package;

    /// <summary>The versioned soname of a library.</summary>
    public static string SonameOf(string library) => Find(library).Soname;

    /// <summary>Loads a library (once) or throws <see cref="NativeLibraryMissingException"/>.</summary>
    public static void Require(string library, string pathForErrors, string codec)
    {
        Library known = Find(library);
        if (Volatile.Read(ref known.Handle) != 0)
        {
            return;
        }
        Volatile.Write(ref known.Handle, RequireSoname(known.Soname, known.Package, pathForErrors, codec));
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
        Library? known = TryFind(name);
        if (known is null)
        {
            return 0;
        }
        nint handle = Volatile.Read(ref known.Handle);
        if (handle == 0 && TryLoad(known.Soname, out handle))
        {
            Volatile.Write(ref known.Handle, handle);
        }
        return handle;
    }

    /// <summary>Maps a <see cref="DllNotFoundException"/> that escaped <see cref="Require"/> to the one-line error.</summary>
    public static NativeLibraryMissingException Explain(DllNotFoundException ex, string library, string pathForErrors, string codec)
    {
        Library known = Find(library);
        return new NativeLibraryMissingException(pathForErrors, codec, known.Soname, known.Package, ex);
    }
}

using System.Text;

namespace HndGate.Engine.Runtime;

/// <summary>
/// Whether the C++ runtime (libstdc++) is new enough for LibTorch 2.10, which is built with GCC 13 and
/// needs the symbol version GLIBCXX_3.4.32. Debian 12 stops at 3.4.30 (docs/platform.md).
/// </summary>
public sealed record CxxRuntimeCheck(string? LibraryPath, bool HasRequiredVersion)
{
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    public const string Remedy = "run scripts/setup (it installs a newer libstdc++6) or install libstdc++ >= 13 (GCC 13)";

    /// <summary>Checks the libstdc++ the process would load: the one already mapped, else the system's.</summary>
    public static CxxRuntimeCheck ForThisProcess() =>
        Of(LoadedLibraries.Find("libstdc++.so.6") ?? SystemCandidates().FirstOrDefault(File.Exists));

    /// <summary>Checks a given libstdc++ file; a missing file counts as not having the version.</summary>
    public static CxxRuntimeCheck Of(string? libraryPath)
    {
        if (libraryPath is null || !File.Exists(libraryPath))
        {
            return new CxxRuntimeCheck(libraryPath, false);
        }

        return new CxxRuntimeCheck(libraryPath, ContainsAscii(File.ReadAllBytes(libraryPath), RequiredVersion));
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        // The version strings live in .dynstr, NUL-terminated; "3.4.32" must not match "3.4.320".
        var pattern = Encoding.ASCII.GetBytes(needle + "\0");
        return haystack.AsSpan().IndexOf(pattern) >= 0;
    }

    private static IEnumerable<string> SystemCandidates() =>
    [
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];
}

using System.Text;
using HndGate.Engine.Runtime;

namespace HndGate.Engine.Tests.Runtime;

public sealed class CxxRuntimeCheckTests
{
    [Theory]
    [InlineData("GLIBCXX_3.4.30\0GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0GLIBCXX_3.4.33\0", true)]
    [InlineData("GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0", false)]
    [InlineData("GLIBCXX_3.4.320\0", false)]
    public void Of_FindsTheRequiredSymbolVersion_OnlyWhenPresentExactly(string dynstr, bool expected)
    {
        using var dir = new TemporaryDirectory();
        var lib = dir.Combine("libstdc++.so.6");
        File.WriteAllBytes(lib, [0x7f, .. "ELF"u8.ToArray(), .. Encoding.ASCII.GetBytes(dynstr)]);

        var check = CxxRuntimeCheck.Of(lib);

        Assert.Equal(expected, check.HasRequiredVersion);
        Assert.Equal(lib, check.LibraryPath);
    }

    [Fact]
    public void Of_ReportsMissing_WhenTheLibraryDoesNotExist()
    {
        var check = CxxRuntimeCheck.Of("/nonexistent/libstdc++.so.6");

        Assert.False(check.HasRequiredVersion);
    }

    [Fact]
    public void ForThisProcess_FindsTheLibraryThisProcessMapped()
    {
        var check = CxxRuntimeCheck.ForThisProcess();

        Assert.NotNull(check.LibraryPath);
        Assert.EndsWith("libstdc++.so.6", check.LibraryPath, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using HndGate.Engine.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Tool.Tests.Commands;

public sealed class DictionaryBuildCommandTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    public DictionaryBuildCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "images"));
        using (var image = new Image<Rgb24>(24, 24, new Rgb24(90, 90, 90)))
        {
            image.SaveAsPng(Path.Combine(Folder, "images", "a.png"));
        }

        // A 68-point grid well inside the 24 px image.
        var header = new StringBuilder("image");
        var row = new StringBuilder("a.png");
        for (var i = 0; i < 68; i++)
        {
            header.Append(CultureInfo.InvariantCulture, $",x{i},y{i}");
            row.Append(CultureInfo.InvariantCulture, $",{3 + (i % 9 * 2)},{3 + (i / 9 * 2)}");
        }

        File.WriteAllText(Landmarks, $"{header}\n{row}\n");
        File.WriteAllText(Labels, "image,labels\na.png,Smiling\n");
    }

    private string Folder => temporary.Path;

    private string Landmarks => Path.Combine(Folder, "landmarks.csv");

    private string Labels => Path.Combine(Folder, "labels.csv");

    public void Dispose() => temporary.Dispose();

    private (int Code, string Out, string Err) Build(params string[] extra)
    {
        var run = CliRun.Of(["dictionary", "build", "--images", Path.Combine(Folder, "images"), "--landmarks", Landmarks, "--labels", Labels, "--out", Path.Combine(Folder, "out"), .. extra]);
        return (run.ExitCode, run.Output, run.Error);
    }

    [Fact]
    public void Build_ExitsWith0AndPrintsCounts_ForAGoodInput()
    {
        var (code, output, error) = Build();

        Assert.Equal(0, code);
        Assert.StartsWith("local images: 0/1\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal); // progress, plain lines when not a terminal
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);
        Assert.Contains("local images 1, masks 9, global images 0", output); // 8 parts + Smiling
        Assert.True(File.Exists(Path.Combine(Folder, "out", "local", "000000", "Smiling.png")));
    }

    [Fact]
    public void Build_ExitsWith2NamingFileAndLine_ForAWrongLabelsHeader()
    {
        File.WriteAllText(Labels, "img,labels\na.png,Smiling\n");

        var (code, _, error) = Build();

        Assert.Equal(2, code);
        Assert.Contains($"{Labels}:1: wrong CSV header", error);
    }

    [Fact]
    public void Build_ExitsWith2_ForAConfidenceOutsideTheUnitInterval()
    {
        var (code, _, error) = Build("--confidence", "1.5");

        Assert.Equal(2, code);
        Assert.Contains("--confidence 1.5 is outside (0, 1)", error);
    }

    [Fact]
    public void Build_ExitsWith2_ForAConfidenceThatIsNotANumber()
    {
        var (code, _, error) = Build("--confidence", "high");

        Assert.Equal(2, code);
        Assert.Contains("confidence", error);
    }

    [Fact]
    public void Build_ExitsWith2_WhenARequiredOptionIsMissing()
    {
        var run = CliRun.Of("dictionary", "build", "--images", Folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--landmarks", run.Error);
    }

    [Fact]
    public void Build_UsesAConceptMapFile_AndNamesItWhenBroken()
    {
        var map = Path.Combine(Folder, "map.json");
        File.WriteAllText(map, """{ "name": "x", "version": 1, "landmark_model": "ibug68", "confidence": 2, "concepts": [] }""");

        var (code, _, error) = Build("--concept-map", map);

        Assert.Equal(2, code);
        Assert.Contains($"{map}:1 at /confidence:", error);
    }
}

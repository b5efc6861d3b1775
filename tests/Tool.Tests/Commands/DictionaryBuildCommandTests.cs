using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Tool.Tests.Commands;

public sealed class DictionaryBuildCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"hnd-build-cli-{Guid.NewGuid():N}");

    public DictionaryBuildCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        using (var image = new Image<Rgb24>(24, 24, new Rgb24(90, 90, 90)))
        {
            image.SaveAsPng(Path.Combine(folder, "images", "a.png"));
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

    private string Landmarks => Path.Combine(folder, "landmarks.csv");

    private string Labels => Path.Combine(folder, "labels.csv");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Code, string Out, string Err) Build(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = ["dictionary", "build", "--images", Path.Combine(folder, "images"), "--landmarks", Landmarks, "--labels", Labels, "--out", Path.Combine(folder, "out"), .. extra];
        var code = HndGateApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Build_ExitsWith0AndPrintsCounts_ForAGoodInput()
    {
        var (code, output, error) = Build();

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("local images 1, masks 9, global images 0", output); // 8 parts + Smiling
        Assert.True(File.Exists(Path.Combine(folder, "out", "local", "000000", "Smiling.png")));
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
    public void Build_ExitsWith2_ForAConfidenceThatIsNotANumber()
    {
        var (code, _, error) = Build("--confidence", "high");

        Assert.Equal(2, code);
        Assert.Contains("--confidence 'high' is not a number", error);
    }

    [Fact]
    public void Build_ExitsWith2_WhenARequiredOptionIsMissing()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = HndGateApp.Run(["dictionary", "build", "--images", folder], output, error);

        Assert.Equal(2, code);
        Assert.Contains("--landmarks", error.ToString());
    }

    [Fact]
    public void Build_UsesAConceptMapFile_AndNamesItWhenBroken()
    {
        var map = Path.Combine(folder, "map.json");
        File.WriteAllText(map, """{ "name": "x", "version": 1, "landmark_model": "ibug68", "confidence": 2, "concepts": [] }""");

        var (code, _, error) = Build("--concept-map", map);

        Assert.Equal(2, code);
        Assert.Contains($"{map} at /confidence:", error);
    }
}

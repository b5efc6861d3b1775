using HndGate.Engine.Dictionary.Building;

namespace HndGate.Engine.Tests.Dictionary.Building;

public sealed class DictionaryBuilderInputErrorTests : IDisposable
{
    private readonly BuildInput input = new();

    public void Dispose() => input.Dispose();

    [Fact]
    public void Build_NamesLandmarksFileAndLine1_ForAWrongHeader()
    {
        File.WriteAllText(input.LandmarksFile, "image,x,y\nface0.png,1,2\n");

        var e = Fails();

        Assert.Equal((input.LandmarksFile, 1), (e.File, e.Line));
        Assert.Contains("wrong CSV header", e.Message);
    }

    [Fact]
    public void Build_NamesLabelsFileAndLine1_ForAWrongHeader()
    {
        File.WriteAllText(input.LabelsFile, "file,concepts\nface0.png,Smiling\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 1), (e.File, e.Line));
        Assert.Contains("image,labels", e.Message);
    }

    [Fact]
    public void Build_NamesTheLine_ForALandmarksRowWithTooFewFields()
    {
        var lines = File.ReadAllLines(input.LandmarksFile);
        lines[2] = lines[2][..lines[2].LastIndexOf(',')];
        File.WriteAllLines(input.LandmarksFile, lines);

        var e = Fails();

        Assert.Equal((input.LandmarksFile, 3), (e.File, e.Line));
        Assert.Contains("136 fields but the header has 137", e.Message);
    }

    [Fact]
    public void Build_NamesTheLineAndColumn_ForANonNumericCoordinate()
    {
        var lines = File.ReadAllLines(input.LandmarksFile);
        var fields = lines[3].Split(',');
        fields[1 + (2 * 30) + 1] = "1,5".Replace(',', ';');
        lines[3] = string.Join(',', fields);
        File.WriteAllLines(input.LandmarksFile, lines);

        var e = Fails();

        Assert.Equal((input.LandmarksFile, 4), (e.File, e.Line));
        Assert.Contains("'1;5' in column y30 is not a number", e.Message);
    }

    [Fact]
    public void Build_NamesTheLabelsLine_ForAnImageWithoutLandmarks()
    {
        File.WriteAllText(input.LabelsFile, "image,labels\nface0.png,\nface9.png,Smiling\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 3), (e.File, e.Line));
        Assert.Contains("'face9.png' has no landmarks", e.Message);
    }

    [Fact]
    public void Build_NamesTheLabelsLine_ForAnUnknownConcept()
    {
        File.WriteAllText(input.LabelsFile, "image,labels\nface0.png,Smiling\nface1.png,Smiling;Freckles\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 3), (e.File, e.Line));
        Assert.Contains("unknown concept 'Freckles'", e.Message);
    }

    [Fact]
    public void Build_NamesLine1_ForAnUnknownCelebaColumn()
    {
        File.WriteAllText(input.LabelsFile, "image_id,Smiling,Freckles\nface0.png,1,-1\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 1), (e.File, e.Line));
        Assert.Contains("unknown column 'Freckles'", e.Message);
    }

    [Fact]
    public void Build_NamesTheLine_ForACelebaValueThatIsNotOneOrMinusOne()
    {
        File.WriteAllText(input.LabelsFile, "image_id,Smiling,Male\nface0.png,1,-1\nface1.png,yes,1\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 3), (e.File, e.Line));
    }

    [Fact]
    public void Build_NamesTheLabelsLine_ForAMissingImageFile()
    {
        File.Delete(Path.Combine(input.Images, "face1.png"));

        var e = Fails();

        Assert.Equal((input.LabelsFile, 3), (e.File, e.Line));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void Build_RefusesAnImagePathThatLeavesTheImagesFolder()
    {
        File.WriteAllText(input.LabelsFile, "image,labels\n../labels.csv,\n");

        var e = Fails();

        Assert.Equal((input.LabelsFile, 2), (e.File, e.Line));
    }

    [Fact]
    public void Build_NamesTheLandmarksLine_WhenAMaskFallsOutsideTheImage()
    {
        var lines = File.ReadAllLines(input.LandmarksFile);
        lines[2] = BuildInput.LandmarkRow("face1.png", 1).Split(',')[0] + string.Concat(Enumerable.Repeat(",500,500", 68));
        File.WriteAllLines(input.LandmarksFile, lines);

        var e = Fails();

        Assert.Equal((input.LandmarksFile, 3), (e.File, e.Line));
        Assert.Contains("is empty", e.Message);
        Assert.False(Directory.Exists(input.Output), "nothing may be left behind");
    }

    [Fact]
    public void Build_RefusesAnOutputFolderThatHoldsTheInputs()
    {
        var e = Assert.Throws<HndGateInputException>(() => DictionaryBuilder.Build(input.Options() with { OutputFolder = input.Folder, Overwrite = true }));

        Assert.Contains("holds the input", e.Message);
        Assert.True(File.Exists(input.LabelsFile));
    }

    [Fact]
    public void Build_RefusesANonEmptyOutputFolder_WithoutOverwrite()
    {
        Directory.CreateDirectory(input.Output);
        File.WriteAllText(Path.Combine(input.Output, "keep.txt"), "mine");

        var e = Fails();

        Assert.Contains("--force", e.Message);
        Assert.True(File.Exists(Path.Combine(input.Output, "keep.txt")));
    }

    private HndGateInputException Fails() => Assert.Throws<HndGateInputException>(() => DictionaryBuilder.Build(input.Options()));
}

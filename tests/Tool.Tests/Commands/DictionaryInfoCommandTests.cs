using System.Text.Json;
using HndGate.Engine.Tests.Dictionary;

namespace HndGate.Tool.Tests.Commands;

public sealed class DictionaryInfoCommandTests : IDisposable
{
    private readonly DictionaryFixture published = DictionaryFixture.PublishedLayout();

    public void Dispose() => published.Dispose();

    [Fact]
    public void Info_PrintsCountsAndTheHistogram_MostImagesFirst()
    {
        // Two more AU_1 masks make AU_1 (3 images) the longest bar.
        published.WriteImage("AU/3/original.png");
        published.WriteImage("AU/3/AU_1.png");
        published.WriteImage("AU/4/original.png");
        published.WriteImage("AU/4/AU_1.png");
        published.Edit("Action_Units.csv", "AU/2/AU_12.png\n", "AU/2/AU_12.png\nAU/3/original.png,AU/3/AU_1.png\nAU/4/original.png,AU/4/AU_1.png\n");

        var run = CliRun.Of("dictionary", "info", published.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Local set       6 images (5 distinct files), 8 masks, 38 concepts in 5 regions", run.Output, StringComparison.Ordinal);
        Assert.Contains("Global set      5 images in 2 families", run.Output, StringComparison.Ordinal);
        var histogram = run.Output[run.Output.IndexOf("Images per concept", StringComparison.Ordinal)..].Split('\n').Skip(1).ToList();
        Assert.Equal(38, histogram.Count(l => l.Length > 0));
        Assert.Matches(@"^  AU_1\s+3 #{40}$", histogram[0]);
        Assert.Matches(@"^  left_eye\s+1 #{13}$", histogram[1]); // round(1 × 40 / 3); ties in concept order
        var counts = histogram.Where(l => l.Length > 0).Select(l => int.Parse(l[22..29], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
    }

    [Fact]
    public void Info_Json_WritesTheStatistics()
    {
        var run = CliRun.Of("dictionary", "info", published.Root, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("A", json.RootElement.GetProperty("format").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("local_images").GetInt32());
        var gender = json.RootElement.GetProperty("families")[0];
        Assert.Equal("gender", gender.GetProperty("name").GetString());
        Assert.Equal(2, gender.GetProperty("subgroups")[0].GetProperty("images").GetInt32());
    }

    [Fact]
    public void Info_ExitsTwo_NamingCsvAndLine_OfAnUnknownConcept()
    {
        published.WriteImage("parts/1/chin.png");
        published.Edit("Parts.csv", "parts/1/nose.png", "parts/1/chin.png");

        var run = CliRun.Of("dictionary", "info", published.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: Parts.csv:2: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_Lenient_LeavesOutTheBadRow_AndWarns()
    {
        published.WriteImage("parts/1/chin.png");
        published.Edit("Parts.csv", "parts/1/nose.png", "parts/1/chin.png");

        var run = CliRun.Of("dictionary", "info", published.Root, "--lenient");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Local set       3 images", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("warning: Parts.csv:2: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ShowsExamples()
    {
        var run = CliRun.Of("dictionary", "info", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hnd-gate dictionary info ./face-dictionary --json", run.Output, StringComparison.Ordinal);
    }
}

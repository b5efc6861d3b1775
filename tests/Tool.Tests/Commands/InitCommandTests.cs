using System.Text.Json;
using HndGate.Engine.Tests;
using HndGate.Engine.Tests.Models.Weights;

namespace HndGate.Tool.Tests.Commands;

[Collection("Torch")]
public sealed class InitCommandTests
{
    [Fact]
    public void Init_WritesACardThatInfersTheArchitecture_FromACustomHeadCheckpoint()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet50_custom_head.pth");
        var card = dir.Combine("cards", "gender.json");
        Directory.CreateDirectory(dir.Combine("cards"));

        var run = CliRun.Of("init", "--model", weights, "--out", card, "--input-size", "64", "--no-policy", "--no-workflow");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("resnet50", run.Output, StringComparison.Ordinal);
        Assert.Contains("fc.weight, fc.bias", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        var root = json.RootElement;
        Assert.Equal("resnet50", root.GetProperty("architecture").GetString());
        Assert.Equal("../resnet50_custom_head.pth", root.GetProperty("weights").GetString());
        Assert.Equal(64, root.GetProperty("input").GetProperty("size").GetInt32());
        Assert.Equal("layer4.2.conv3", root.GetProperty("layers")[0].GetString());
    }

    [Fact]
    public void Init_WritesTheCardButNoSummary_WithQuiet()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet50_custom_head.pth");
        var card = dir.Combine("card.json");

        var run = CliRun.Of("init", "--model", weights, "--out", card, "--input-size", "64", "--no-policy", "--no-workflow", "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("\"architecture\": \"resnet50\"", File.ReadAllText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_TakesFacenetsNormalisationAndSize_ForInceptionResnetV1()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "inception_resnet_v1_legacy.pt");
        var card = dir.Combine("hnd-model.json");

        var run = CliRun.Of("init", "--model", weights, "--out", card, "--no-policy", "--no-workflow");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        var input = json.RootElement.GetProperty("input");
        Assert.Equal("inception_resnet_v1", json.RootElement.GetProperty("architecture").GetString());
        Assert.False(json.RootElement.TryGetProperty("num_classes", out _));
        Assert.Equal(160, input.GetProperty("size").GetInt32());
        Assert.Equal(255, input.GetProperty("pixel_scale").GetDouble());
        Assert.All(input.GetProperty("mean").EnumerateArray(), m => Assert.Equal(127.5, m.GetDouble()));
        Assert.All(input.GetProperty("std").EnumerateArray(), s => Assert.Equal(128, s.GetDouble()));
    }

    [Fact]
    public void Init_ReadsTheClassCount_FromTheClassifier()
    {
        using var dir = new TemporaryDirectory();
        var card = dir.Combine("hnd-model.json");

        var run = CliRun.Of("init", "--model", Copy(dir, "resnet18.pth"), "--out", card, "--input-size", "32", "--no-policy", "--no-workflow");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("from fc.weight [1000, 512]", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(card));
        Assert.Equal(1000, json.RootElement.GetProperty("num_classes").GetInt32());
    }

    [Fact]
    public void Init_ExitsTwo_AndWritesNothing_WhenTheGivenArchitectureDoesNotFit()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet18.pth");

        var run = CliRun.Of("init", "--model", weights, "--architecture", "resnet34", "--out", dir.Combine("c.json"), "--no-policy", "--no-workflow");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the file is not a resnet34: 'layer1.2.conv1.weight' is not in the file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("c.json")));
    }

    [Fact]
    public void Init_ExitsTwo_ForAMaliciousPickle()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of("init", "--model", Copy(dir, "evil_os_system.pth"), "--out", dir.Combine("c.json"), "--no-policy", "--no-workflow");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("asks for 'posix.system'", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("c.json")));
    }

    [Fact]
    public void Init_ExitsTwo_WhenTheFileMatchesNoArchitecture()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of("init", "--model", Copy(dir, "tiny.pth"), "--out", dir.Combine("c.json"), "--no-policy", "--no-workflow");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("matches none of the architectures", run.Error, StringComparison.Ordinal);
        Assert.Contains("'conv.weight'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_RefusesToReplaceACard_WithoutForce()
    {
        using var dir = new TemporaryDirectory();
        var card = dir.Combine("hnd-model.json");
        File.WriteAllText(card, "{}");

        var run = CliRun.Of("init", "--model", Copy(dir, "resnet18.pth"), "--out", card, "--no-policy", "--no-workflow");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(card));
    }

    [Fact]
    public void Init_WritesTheCardAStarterPolicyAndAWorkflow_InTheRepository()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet18.pth");
        Directory.CreateDirectory(dir.Combine("models"));

        var run = CliRun.Of(
            "init", "--model", weights, "--input-size", "32", "--out", dir.Combine("models", "card.json"),
            "--policy-out", dir.Combine("gate", "policy.json"), "--workflow-out", dir.Combine(".github", "workflows", "gate.yml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"wrote {dir.Combine("gate", "policy.json")} (4 bias rules and a coverage warning)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"wrote {dir.Combine(".github", "workflows", "gate.yml")}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("models", "card.json")));

        // The policy: the design's format, a bias rule per standard family, a coverage warning.
        using var policy = JsonDocument.Parse(File.ReadAllText(dir.Combine("gate", "policy.json")));
        var root = policy.RootElement;
        Assert.Equal(["version", "stages", "rules"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(
            ["biased_ratio[age]", "biased_ratio[gender]", "biased_ratio[ethnicity]", "biased_ratio[skin_tone]", "coverage_hnd"],
            rules.Select(r => r.GetProperty("metric").GetString()));
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(rules, r => Assert.Matches("^[A-Za-z0-9_.-]+$", r.GetProperty("id").GetString()!));
        Assert.All(rules.Take(4), r =>
        {
            Assert.True(r.GetProperty("max").GetDouble() is > 0 and < 1);
            Assert.True(r.GetProperty("max_increase").GetProperty("absolute").GetDouble() > 0);
            Assert.Equal("error", r.GetProperty("severity").GetString());
        });
        Assert.True(rules[4].GetProperty("max_decrease").GetProperty("relative").GetDouble() > 0);
        Assert.Equal("warning", rules[4].GetProperty("severity").GetString());

        // The workflow: its top-level keys, and paths relative to the folder that holds .github.
        var workflow = File.ReadAllLines(dir.Combine(".github", "workflows", "gate.yml"));
        Assert.DoesNotContain(workflow, l => l.Contains('\t', StringComparison.Ordinal));
        Assert.Equal(["name", "on", "permissions", "jobs"], workflow.Where(l => l.Length > 0 && char.IsLetter(l[0])).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        var text = string.Join("\n", workflow);
        Assert.Contains("dotnet hnd-gate check --model 'models/card.json' --dictionary 'face-dictionary' --policy 'gate/policy.json'", text, StringComparison.Ordinal);
        Assert.Contains("--format github", text, StringComparison.Ordinal);
        Assert.Contains("runs-on: ${{ inputs.runs-on || 'ubuntu-latest' }}", text, StringComparison.Ordinal);
        Assert.Contains("dotnet-version: '10.0.x'", text, StringComparison.Ordinal);
        Assert.Contains("workflow: gate.yml", text, StringComparison.Ordinal);
        Assert.Contains("uses: dawidd6/action-download-artifact@", text, StringComparison.Ordinal);
        Assert.Contains("uses: actions/upload-artifact@", text, StringComparison.Ordinal);
        Assert.Contains("uses: marocchino/sticky-pull-request-comment@", text, StringComparison.Ordinal);
        Assert.Contains("hnd-gate-out/results.json", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{ e }}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outside the repository", text, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_WarnsAboutPathsOutsideTheRepository_InTheOutputAndTheWorkflow_AndStillWritesIt()
    {
        using var dir = new TemporaryDirectory();
        var weights = Copy(dir, "resnet18.pth");
        var dictionary = dir.Combine("review", "dict");
        Engine.Dictionary.Synthesis.DictionarySynthesizer.Synthesize(new Engine.Dictionary.Synthesis.DictionarySynthOptions
        {
            OutputFolder = dictionary,
            Size = 32,
            LocalImages = 2,
            GlobalImages = 16,
            Seed = 1,
        });
        var repository = dir.Combine("repo");

        var run = CliRun.Of(
            "init", "--model", weights, "--input-size", "32", "--out", Path.Combine(repository, "hnd-model.json"), "--dictionary", dictionary,
            "--policy-out", Path.Combine(repository, "policy.json"), "--workflow-out", Path.Combine(repository, ".github", "workflows", "hnd-gate.yml"));

        Assert.Equal(0, run.ExitCode);
        var advice = "the repository CI checks out, so CI will not find it: commit or copy it into the repository (and change the path), or fetch it in a workflow step before 'hnd-gate check'";
        Assert.Equal(
            [
                $"warning: the weights file the card names '../resnet18.pth' lies outside {repository}, {advice}",
                $"warning: the workflow's --dictionary '../review/dict' lies outside {repository}, {advice}",
            ],
            run.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var workflow = File.ReadAllText(Path.Combine(repository, ".github", "workflows", "hnd-gate.yml")).ReplaceLineEndings("\n");
        Assert.Contains(
            "# These lie outside the repository, so this workflow will not find them: commit or copy them into the\n"
            + "# repository (and change their paths), or fetch them in a step before 'hnd-gate check':\n"
            + "#   ../resnet18.pth (the card's weights)\n"
            + "#   ../review/dict (--dictionary)\n"
            + "name: hnd-gate\n",
            workflow,
            StringComparison.Ordinal);
        Assert.Contains("--dictionary '../review/dict'", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_TakesThePolicysFamiliesAndTheWorkflowsDictionary_FromTheDictionary()
    {
        using var dir = new TemporaryDirectory();
        var dictionary = dir.Combine("dict");
        Engine.Dictionary.Synthesis.DictionarySynthesizer.Synthesize(new Engine.Dictionary.Synthesis.DictionarySynthOptions
        {
            OutputFolder = dictionary,
            Size = 32,
            LocalImages = 2,
            GlobalImages = 16,
            Seed = 1,
        });

        var run = CliRun.Of(
            "init", "--model", Copy(dir, "resnet18.pth"), "--input-size", "32", "--out", dir.Combine("hnd-model.json"), "--dictionary", dictionary,
            "--policy-out", dir.Combine("policy.json"), "--workflow-out", dir.Combine(".github", "workflows", "hnd-gate.yml"), "--runs-on", "gpu");

        Assert.Equal(0, run.ExitCode);
        using var policy = JsonDocument.Parse(File.ReadAllText(dir.Combine("policy.json")));
        var families = Engine.Dictionary.DictionaryLoader.Load(dictionary, new Engine.Dictionary.DictionaryLoadOptions()).Dictionary.Global.Select(f => $"biased_ratio[{f.Name}]");
        Assert.Equal(
            [.. families, "coverage_hnd"],
            policy.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("metric").GetString()));
        var workflow = File.ReadAllText(dir.Combine(".github", "workflows", "hnd-gate.yml"));
        Assert.Contains("--dictionary 'dict'", workflow, StringComparison.Ordinal);
        Assert.Contains("inputs.runs-on || 'gpu'", workflow, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_WritesOnlyTheCard_WithNoPolicyAndNoWorkflow()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of(
            "init", "--model", Copy(dir, "resnet18.pth"), "--input-size", "32", "--out", dir.Combine("hnd-model.json"),
            "--policy-out", dir.Combine("policy.json"), "--workflow-out", dir.Combine("w.yml"), "--no-policy", "--no-workflow");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["hnd-model.json", "resnet18.pth"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("policy.json", "the policy exists", "--policy-out")]
    [InlineData(".github/workflows/hnd-gate.yml", "the workflow exists", "--workflow-out")]
    public void Init_RefusesToReplaceThePolicyOrWorkflow_NamingIt_AndWritesNothing(string existing, string message, string option)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.Combine(existing.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "mine");

        var run = CliRun.Of(
            "init", "--model", Copy(dir, "resnet18.pth"), "--out", dir.Combine("hnd-model.json"),
            "--policy-out", dir.Combine("policy.json"), "--workflow-out", dir.Combine(".github", "workflows", "hnd-gate.yml"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}: {message}: pass --force to replace it, {option} to write another", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(path));
        Assert.False(File.Exists(dir.Combine("hnd-model.json")));
    }

    [Fact]
    public void Init_ExitsTwo_ForARunnerLabelTheWorkflowCannotTake()
    {
        using var dir = new TemporaryDirectory();

        var run = CliRun.Of("init", "--model", Copy(dir, "resnet18.pth"), "--out", dir.Combine("c.json"), "--workflow-out", dir.Combine("w.yml"), "--runs-on", "gpu; rm -rf /", "--no-policy");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a runner label", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("w.yml")));
    }

    private static string Copy(TemporaryDirectory dir, string fixture)
    {
        var path = dir.Combine(fixture);
        File.Copy(WeightFixtures.Path(fixture), path);
        return path;
    }
}

using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Models.Init;
using HndGate.Engine.Reports;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("init", Description = "Start gating a model: write its model card (hnd-model.json), a starter policy (policy.json) and a GitHub Actions workflow (.github/workflows/hnd-gate.yml).",
    ExtendedHelpText = """

Asks nothing. From the file it infers the architecture (the built-in one whose parameters before the
classifier head all match the file's names and shapes) and the number of classes; the input size,
normalisation and default layer are the architecture's published conventions, and every line printed
says which values were inferred and which were assumed. The file is loaded once as 'dissect' will load
it, so the card written is known to work.

Reads state_dicts saved with torch.save (.pth/.pt, also nested under 'state_dict' or 'model', with
'module.' prefixes), .safetensors, and TorchSharp's Module.save (.dat).

The starter policy caps biased_ratio[family] at 0.10, and its rise over the baseline at 0.02, for every
global family (of --dictionary, else the standard dictionary's), and warns when coverage_hnd falls 10%
below the baseline's: set the bounds your model must keep (docs/policy.md). The workflow runs
'hnd-gate check' on every pull request against the default branch's last results, uploads the results
and posts the report as a comment; its paths are relative to the folder that holds .github/workflows
(the repository's root), and a warning names any that lies outside it, which CI will not find. No
file is replaced without --force; the message names the one that exists.

Examples:
  hnd-gate init --model gender_resnet50.pth --dictionary ./face-dictionary
  hnd-gate init --model facenet_vggface2.pt --out models/facenet.json --policy-out gate/policy.json
  hnd-gate init --model beauty.pth --architecture resnet18 --input-size 112 --no-workflow --force
  hnd-gate init --model gender_resnet50.pth --runs-on gpu          (a self-hosted GPU runner by default)

Exit codes: 0 written, 2 the file cannot be read or matches no architecture, or a file exists
(nothing is written), 3 runtime failure.
""")]
internal sealed class InitCommand
{
    [Option("--model <FILE>", Description = "The trained model's weights file.")]
    [Required]
    public string? Model { get; init; }

    [Option("--architecture <NAME>", Description = "The architecture, instead of inferring it: resnet18, resnet34, resnet50, resnet101, resnet152, vgg16, mobilenet_v2, inception_resnet_v1.")]
    public string? Architecture { get; init; }

    [Option("--input-size <S>", Description = "Input size S (images are resized to S × S); default: the architecture's (224, or 160 for inception_resnet_v1).")]
    public int? InputSize { get; init; }

    [Option("--out <FILE>", Description = "The card to write (default hnd-model.json).")]
    public string Out { get; init; } = "hnd-model.json";

    [Option("--force", Description = "Replace existing files (card, policy, workflow).")]
    public bool Force { get; init; }

    [Option("--dictionary <DIR>", Description = "The Face Dictionary: the policy gates its global families and the workflow dissects with it (default: the standard families, and a placeholder path).")]
    public string? Dictionary { get; init; }

    [Option("--policy-out <FILE>", Description = "The starter policy to write (default policy.json).")]
    public string PolicyOut { get; init; } = "policy.json";

    [Option("--no-policy", Description = "Write no policy (the workflow still names --policy-out).")]
    public bool NoPolicy { get; init; }

    [Option("--workflow-out <FILE>", Description = "The GitHub Actions workflow to write (default .github/workflows/hnd-gate.yml).")]
    public string WorkflowOut { get; init; } = ".github/workflows/hnd-gate.yml";

    [Option("--no-workflow", Description = "Write no workflow.")]
    public bool NoWorkflow { get; init; }

    [Option("--runs-on <LABEL>", Description = "The workflow's runner label when none is given to its runs-on input (default ubuntu-latest; e.g. gpu).")]
    public string RunsOn { get; init; } = "ubuntu-latest";

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder. Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new InitOptions
        {
            WeightsPath = Model!,
            OutputPath = Out,
            Architecture = Architecture,
            InputSize = InputSize,
            Force = Force,
            PolicyPath = PolicyOut,
            WritePolicy = !NoPolicy,
            WorkflowPath = WorkflowOut,
            WriteWorkflow = !NoWorkflow,
            DictionaryPath = Dictionary,
            RunsOn = RunsOn,
        };
        options.Validate();
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));
        var result = ModelCardInitializer.Run(options, new JsonSchemaValidator());
        foreach (var warning in result.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (Json)
        {
            JsonSummary.Write(console, new
            {
                Card = result.CardPath,
                Policy = result.PolicyPath,
                Workflow = result.WorkflowPath,
                Notes = result.Notes,
                result.Warnings,
            });
            return ExitCodes.Pass;
        }

        if (!Quiet)
        {
            console.Out.Write(new TemplateRenderer().Render("models/init.scriban", result));
        }

        return ExitCodes.Pass;
    }
}

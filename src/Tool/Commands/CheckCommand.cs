using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Gate;
using HndGate.Engine.Imaging;
using HndGate.Engine.Reports;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("check", Description = "The main job: dissect a model, gate the results with a policy (and a baseline), write the reports.",
    ExtendedHelpText = """

Writes into --out-dir: results.json, report.md (for the pull request, at most 60 KB), report.html
(self-contained, with pictures of what the units see) and junit.xml (one test case per rule). With
$GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown is appended to the job summary too.

Stage thresholds (q, τ_iou, θ per family) and the bootstrap come from the policy's "stages" and
"bootstrap" unless given here. Write a policy from docs/policy.md, or let 'hnd-gate init' write one.

Examples:
  hnd-gate check --model hnd-model.json --dictionary ./dictionary --policy policy.json
  hnd-gate check --model hnd-model.json --dictionary ./dictionary --policy policy.json \
      --baseline main-results/results.json --bootstrap 200 --format github --out-dir hnd-gate-out
  hnd-gate check --activations ./acts --tally-size 112 --dictionary ./dictionary --policy policy.json

Exit codes: 0 the gate passed (warnings allowed), 1 the gate failed, 2 usage/config/input error
(the policy, baseline, model or dictionary at fault is named, with the line or JSON pointer),
3 runtime failure or cancelled (nothing half-written is left).
""")]
internal sealed class CheckCommand : DissectionArguments
{
    [Option("--policy <FILE>", Description = "The policy to gate with (docs/policy.md).")]
    [Required(ErrorMessage = "--policy FILE is required: the JSON policy to gate with ('hnd-gate init' writes a starter one; docs/policy.md)")]
    public string? Policy { get; init; }

    [Option("--baseline <FILE>", Description = "A baseline results.json (e.g. main's last) for regression rules and the report's deltas.")]
    public string? Baseline { get; init; }

    [Option("--allow-mismatch", Description = "Compare with a baseline made from another dictionary, layer set, stage thresholds or architecture anyway.")]
    public bool AllowMismatch { get; init; }

    [Option("--out-dir <DIR>", Description = "Where results.json and the reports go (default hnd-gate-out).")]
    public string OutDir { get; init; } = "hnd-gate-out";

    [Option("--bootstrap <B>", Description = "Bootstrap replicates for confidence intervals (default: the policy's, else none).")]
    public int? Bootstrap { get; init; }

    [Option("--seed <S>", Description = "Seed of the bootstrap replicates (default: the policy's, else 1).")]
    public long? Seed { get; init; }

    [Option("--pictures <N>", Description = "Units per layer pictured in report.html (default 24; 0: none).")]
    public int Pictures { get; init; } = 24;

    [Option("--template <DIR>", Description = "Template overrides: DIR/report/<name>.scriban replaces the embedded one (docs/reports.md).")]
    public string? Template { get; init; }

    [Option("--format <FORMAT>", Description = "What to print: text (default), json, or github (workflow annotations on the policy's lines).")]
    [McMaster.Extensions.CommandLineUtils.AllowedValues("text", "json", "github")]
    public string Format { get; init; } = "text";

    [Option("--json", Description = "The same as --format json.")]
    public bool Json { get; init; }

    [Option("--step-summary <FILE>", Description = "Append report.md to this file (default: $GITHUB_STEP_SUMMARY when set).")]
    public string? StepSummary { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    private int OnExecute(IConsole console)
    {
        var results = Path.Combine(OutDir, CheckOptions.ResultsFile);
        var options = new CheckOptions
        {
            Dissect = ToDissectOptions(results),
            Report = new ReportOptions
            {
                ResultsPath = results,
                PolicyPath = Policy,
                BaselinePath = Baseline,
                AllowMismatch = AllowMismatch,
                OutputDirectory = OutDir,
                TemplateDirectory = Template,
                StepSummaryPath = StepSummary ?? GateOutput.StepSummaryFromEnvironment(),
                Pictures = new PictureSource
                {
                    DictionaryPath = Dictionary!,
                    ModelCard = Model,
                    ActivationsDirectory = Activations,
                    ActivationsLayerName = Activations is null ? null : LayerName,
                    UnitsPerLayer = Pictures,
                    Device = Device,
                    BatchSize = Batch,
                    Threads = Threads,
                },
            },
            Bootstrap = Bootstrap,
            Seed = Seed,
            QuantileGiven = Quantile is not null,
            IouThresholdGiven = IouThreshold is not null,
        };
        options.Validate();
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));

        var format = Json ? "json" : Format;
        var silent = Quiet || format == "json";
        using var progress = ProgressDisplay.For(console, silent);
        using var cancel = CancelOnCtrlC.Install(console);
        var renderer = new TemplateRenderer();
        var report = new CheckJob(new ImageFileDecoder(), new JsonSchemaValidator(), TimeProvider.System).Run(
            options,
            progress,
            cancel.Token,
            Quiet ? null : weights => console.Error.Write(renderer.Render("models/weights.scriban", weights)),
            silent ? null : cache => console.Error.WriteLine(cache.Description));
        GateOutput.Print(console, report, format, Quiet);
        return report.ExitCode;
    }
}

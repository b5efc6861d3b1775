using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Gate;
using HndGate.Engine.Imaging;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("report", Description = "Render the reports from a results JSON, gated by a policy when one is given (no dissection).",
    ExtendedHelpText = """

Writes report.md, report.html and junit.xml into --out-dir, as 'check' does, from results that
'dissect' or 'merge' wrote (a sharded run, say). Without --policy the reports show the results only,
"not gated". report.html has pictures of what the units see when --dictionary and the model
(--model or --activations) the results were made with are given.

Examples:
  hnd-gate report --results results.json --policy policy.json --out-dir hnd-gate-out
  hnd-gate report --results results.json --policy policy.json --baseline main.json --format github
  hnd-gate report --results results.json --dictionary ./dictionary --model hnd-model.json --template ./my-templates

Exit codes: 0 written and the gate passed (or no policy), 1 the gate failed, 2 usage/config/input error,
3 runtime failure or cancelled.
""")]
internal sealed class ReportCommand
{
    [Option("--results <FILE>", Description = "The results JSON to report on.")]
    [Required(ErrorMessage = "--results FILE is required: the results JSON that 'hnd-gate check' or 'dissect' wrote")]
    public string? Results { get; init; }

    [Option("--policy <FILE>", Description = "The policy to gate with (docs/policy.md).")]
    public string? Policy { get; init; }

    [Option("--baseline <FILE>", Description = "A baseline results.json for regression rules and deltas.")]
    public string? Baseline { get; init; }

    [Option("--allow-mismatch", Description = "Compare with a baseline made from other inputs anyway.")]
    public bool AllowMismatch { get; init; }

    [Option("--out-dir <DIR>", Description = "Where the reports go (default hnd-gate-out).")]
    public string OutDir { get; init; } = "hnd-gate-out";

    [Option("--dictionary <DIR>", Description = "For pictures: the dictionary the results were made with.")]
    public string? Dictionary { get; init; }

    [Option("--model <CARD>", Description = "For pictures: the model card the results were made with.")]
    public string? Model { get; init; }

    [Option("--activations <DIR>", Description = "For pictures: the activation files the results were made from.")]
    public string? Activations { get; init; }

    [Option("--pictures <N>", Description = "Units per layer pictured in report.html (default 24; 0: none).")]
    public int Pictures { get; init; } = 24;

    [Option("--device <DEVICE>", Description = "For pictures: cpu, cuda, cuda:N or auto.")]
    public string Device { get; init; } = "auto";

    [Option("--template <DIR>", Description = "Template overrides: DIR/report/<name>.scriban replaces the embedded one (docs/reports.md).")]
    public string? Template { get; init; }

    [Option("--format <FORMAT>", Description = "What to print: text (default), json, or github (workflow annotations).")]
    [McMaster.Extensions.CommandLineUtils.AllowedValues("text", "json", "github")]
    public string Format { get; init; } = "text";

    [Option("--json", Description = "The same as --format json.")]
    public bool Json { get; init; }

    [Option("--step-summary <FILE>", Description = "Append report.md to this file (default: $GITHUB_STEP_SUMMARY when set).")]
    public string? StepSummary { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder. Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    [Option("--quiet", Description = CommonOptions.Quiet)]
    public bool Quiet { get; init; }

    private int OnExecute(IConsole console)
    {
        var options = new ReportOptions
        {
            ResultsPath = Results!,
            PolicyPath = Policy,
            BaselinePath = Baseline,
            AllowMismatch = AllowMismatch,
            OutputDirectory = OutDir,
            TemplateDirectory = Template,
            StepSummaryPath = StepSummary ?? GateOutput.StepSummaryFromEnvironment(),
            Pictures = Dictionary is null ? null : new PictureSource
            {
                DictionaryPath = Dictionary,
                ModelCard = Model,
                ActivationsDirectory = Activations,
                UnitsPerLayer = Pictures,
                Device = Device,
            },
        };
        if (Dictionary is null && (Model ?? Activations) is not null)
        {
            throw new HndGate.Engine.HndGateInputException("pictures need --dictionary too: the dictionary the results were made with");
        }

        options.Validate();
        if (options.Pictures is { UnitsPerLayer: > 0 })
        {
            LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));
        }

        using var cancel = CancelOnCtrlC.Install(console);
        var report = new ReportJob(new ImageFileDecoder(), new JsonSchemaValidator(), TimeProvider.System).Run(options, cancel.Token);
        GateOutput.Print(console, report, Json ? "json" : Format, Quiet);
        return report.ExitCode;
    }
}

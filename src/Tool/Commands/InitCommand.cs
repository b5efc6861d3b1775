using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Models.Init;
using HndGate.Engine.Reports;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("init", Description = "Write a model card (hnd-model.json) for a trained model's weights file, inferring what the file tells.",
    ExtendedHelpText = """

Asks nothing. From the file it infers the architecture (the built-in one whose parameters before the
classifier head all match the file's names and shapes) and the number of classes; the input size,
normalisation and default layer are the architecture's published conventions, and every line printed
says which values were inferred and which were assumed. The file is loaded once as 'dissect' will load
it, so the card written is known to work.

Reads state_dicts saved with torch.save (.pth/.pt, also nested under 'state_dict' or 'model', with
'module.' prefixes), .safetensors, and TorchSharp's Module.save (.dat).

Examples:
  hnd-gate init --model gender_resnet50.pth
  hnd-gate init --model facenet_vggface2.pt --out models/facenet.json
  hnd-gate init --model beauty.pth --architecture resnet18 --input-size 112 --force

Exit codes: 0 written, 2 the file cannot be read or matches no architecture (nothing is written).
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

    [Option("--force", Description = "Replace an existing card.")]
    public bool Force { get; init; }

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
        };
        options.Validate();
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));
        var result = ModelCardInitializer.Run(options, new JsonSchemaValidator());
        console.Out.Write(new TemplateRenderer().Render("models/init.scriban", result));
        return ExitCodes.Pass;
    }
}

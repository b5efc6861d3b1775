using System.ComponentModel.DataAnnotations;
using HndGate.Engine.Models;
using HndGate.Engine.Reports;
using HndGate.Engine.Runtime;
using HndGate.Engine.Schemas;
using McMaster.Extensions.CommandLineUtils;

namespace HndGate.Tool.Commands;

[Command("layers", Description = "List every layer of a model with its output shape at the card's input size, marking those that can be dissected.",
    ExtendedHelpText = """

Runs one blank image through the network on the CPU (the weights file is not read: shapes do not depend
on it). Dissectable layers give convolutional maps N×U×h×w; name them in the card's "layers" or with
'hnd-gate dissect --layer NAME'.

Examples:
  hnd-gate layers --model hnd-model.json
  hnd-gate layers --model hnd-model.json --json > layers.json

Exit codes: 0 listed, 2 the card is invalid or the network cannot take the card's input size, 3 runtime failure.
""")]
internal sealed class LayersCommand
{
    [Option("--model <CARD>", Description = "The model card (hnd-model.json).")]
    [Required]
    public string? Model { get; init; }

    [Option("--libtorch <DIR>", Description = "Load LibTorch 2.10 from this folder. Default: $HNDGATE_LIBTORCH.")]
    public string? LibTorch { get; init; }

    [Option("--json", Description = CommonOptions.Json)]
    public bool Json { get; init; }

    private int OnExecute(IConsole console)
    {
        var card = ModelCardReader.Read(Model!, new JsonSchemaValidator());
        LibTorchRuntime.Load(LibTorchOptions.From(LibTorch, Environment.GetEnvironmentVariable));
        var listing = LayerListing.For(card);
        if (Json)
        {
            JsonSummary.Write(console, new
            {
                Card = listing.CardPath,
                listing.Architecture,
                listing.InputSize,
                Layers = listing.Modules.Select(m => new { m.Name, m.Type, m.OutputShape, m.Dissectable, m.Reached }).ToList(),
            });
            return ExitCodes.Pass;
        }

        console.Out.Write(new TemplateRenderer().Render("models/layers.scriban", listing));
        return ExitCodes.Pass;
    }
}

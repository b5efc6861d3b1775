using HndGate.Engine.Dictionary;
using HndGate.Engine.Models.Weights;
using HndGate.Engine.Reports;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Models.Init;

/// <summary>
/// <c>hnd-gate init</c>: writes a model card for a weights file, asking nothing. It infers the architecture
/// from the file's names and shapes and the number of classes from its classifier; takes the input size,
/// normalisation and default layer from the architecture's published conventions (and says so); then
/// loads the file as <c>dissect</c> would, so that the card it writes is known to work. Beside the card it
/// writes a starter policy and a GitHub Actions workflow that runs <c>hnd-gate check</c> with both, from
/// templates. Nothing is written unless everything can be.
/// </summary>
public static class ModelCardInitializer
{
    private const int DefaultClasses = 1000;

    public static InitResult Run(InitOptions options, JsonSchemaValidator validator)
    {
        options.Validate();
        var notes = new List<InitNote>();
        using var weights = StateDictReader.Read(options.WeightsPath);
        notes.Add(new InitNote("format", "torchvision", Origin(weights)));

        var match = options.Architecture is { } given
            ? ArchitectureInference.Match(BuiltInArchitectures.Find(given, "--architecture"), weights)
            : ArchitectureInference.Infer(weights);
        var architecture = match.Architecture;
        if (!match.Fits)
        {
            throw new HndGateInputException(
                $"the file is not a {architecture.Name}: {string.Join("; ", match.Problems.Take(6))}{(match.Problems.Count > 6 ? $" and {match.Problems.Count - 6} more" : "")}",
                weights.Path);
        }

        notes.Add(new InitNote("architecture", architecture.Name, options.Architecture is null
            ? $"inferred: all {match.Body} parameters and buffers before the head are in the file with {architecture.Name}'s shapes"
            : "given with --architecture, and the file fits it"));

        var numClasses = Classes(architecture, weights, notes);
        var input = architecture.Input with { Size = options.InputSize ?? architecture.Input.Size };
        notes.Add(new InitNote("input.size", input.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), options.InputSize is null
            ? $"{architecture.Family}'s default for {architecture.Name}; pass --input-size if the model was trained at another size"
            : "given with --input-size"));
        notes.Add(new InitNote("input", Normalisation(input), architecture.Family == "torchvision"
            ? "assumed: torchvision's ImageNet convention. A file does not record its normalisation: change mean/std/pixel_scale if the model was trained otherwise"
            : "assumed: facenet-pytorch's fixed_image_standardization, (x − 127.5) / 128"));

        var card = new ModelCard(
            Path.GetFullPath(options.OutputPath), "torchvision", architecture.Name, numClasses, Path.GetFullPath(options.WeightsPath),
            0, null, input, [architecture.DefaultLayer]);
        var report = CheckLoads(card, weights);
        notes.Add(new InitNote("layers", architecture.DefaultLayer,
            "the last convolution of the last stage; 'hnd-gate layers --model CARD' lists every layer with its output shape" +
            (report.Skipped.Count > 0 ? $". {report.Skipped.Count} entries after it are not in the file or differ, and stay unloaded: {string.Join(", ", report.Skipped.Take(4).Select(s => s.Name))}" : "")));
        notes.Add(new InitNote("task", "(not set)", "a file does not say what the model does: add \"task\" (e.g. \"gender classification\") for reports"));

        var json = ModelCardWriter.ToJson(card);
        validator.Validate(ModelCardReader.SchemaFile, json, card.CardPath).Dispose();

        var renderer = new TemplateRenderer();
        var policy = options.WritePolicy ? StarterPolicy.For(Families(options, notes)) : null;
        var policyText = policy is null ? null : renderer.Render(StarterPolicy.Template, policy);
        var warnings = new List<string>();
        var workflowText = options.WriteWorkflow ? renderer.Render(StarterWorkflow.Template, Workflow(options, card.CardPath, notes, warnings)) : null;

        Write(card.CardPath, json);
        var policyPath = policyText is null ? null : Write(options.PolicyPath, new System.Text.UTF8Encoding(false).GetBytes(policyText));
        var workflowPath = workflowText is null ? null : Write(options.WorkflowPath, new System.Text.UTF8Encoding(false).GetBytes(workflowText));
        return new InitResult(card.CardPath, notes, policyPath, policy, workflowPath, warnings);
    }

    private static string Write(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>The global families the policy gates: the dictionary's, else the standard dictionary's (face-dictionary.md).</summary>
    private static IReadOnlyList<string> Families(InitOptions options, List<InitNote> notes)
    {
        if (options.DictionaryPath is { } dictionary)
        {
            var families = DictionaryLoader.Load(dictionary, new DictionaryLoadOptions(Lenient: false)).Dictionary.Global.Select(f => f.Name).ToList();
            notes.Add(new InitNote("policy", string.Join(", ", families), "one bias rule per global family of the dictionary, and a coverage warning: set the bounds your model must keep"));
            return families;
        }

        var standard = StandardConcepts.GlobalFamilies.Select(f => f.Family).ToList();
        notes.Add(new InitNote("policy", string.Join(", ", standard),
            "one bias rule per global family of the standard dictionary, and a coverage warning: pass --dictionary DIR to take the families from yours, and set the bounds your model must keep"));
        return standard;
    }

    private static StarterWorkflow Workflow(InitOptions options, string cardPath, List<InitNote> notes, List<string> warnings)
    {
        var root = options.RepositoryRoot();
        string Relative(string path) => Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        var dictionary = options.DictionaryPath is null ? InitOptions.PlaceholderDictionary : Relative(options.DictionaryPath);
        notes.Add(new InitNote("workflow", options.RunsOn, options.DictionaryPath is null
            ? $"runs 'hnd-gate check' on pull requests with the dictionary at '{dictionary}' (a placeholder: pass --dictionary DIR, or edit the workflow); paths are relative to {root}"
            : $"runs 'hnd-gate check' on pull requests; paths are relative to {root}"));

        // CI checks out the repository only: a path that leaves it is not there. Warned, not refused: the user may
        // fetch it in the workflow.
        var needed = new List<(string Path, string What, string Subject)>
        {
            (Relative(cardPath), "--model", "the workflow's --model"),
            (Relative(options.WeightsPath), "the card's weights", "the weights file the card names"),
        };
        if (options.DictionaryPath is not null)
        {
            needed.Add((dictionary, "--dictionary", "the workflow's --dictionary"));
        }

        needed.Add((Relative(options.PolicyPath), "--policy", "the workflow's --policy"));
        var outside = needed.Where(n => n.Path == ".." || n.Path.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(n.Path)).ToList();
        warnings.AddRange(outside.Select(n =>
            $"{n.Subject} '{n.Path}' lies outside {root}, the repository CI checks out, so CI will not find it: "
            + "commit or copy it into the repository (and change the path), or fetch it in a workflow step before 'hnd-gate check'"));
        return new StarterWorkflow(
            Path.GetFileName(options.WorkflowPath), Relative(cardPath), dictionary, Relative(options.PolicyPath), options.RunsOn,
            outside.Select(n => $"{n.Path} ({n.What})").ToList());
    }

    private static string Origin(StateDict weights)
    {
        var origin = weights.Format switch
        {
            WeightFileFormat.PyTorch => "a state_dict saved with torch.save",
            WeightFileFormat.PyTorchLegacy => "a state_dict saved with torch.save (legacy format)",
            WeightFileFormat.Safetensors => "a safetensors file",
            _ => "a TorchSharp Module.save file",
        };
        if (weights.NestedKey is { } key)
        {
            origin += $", found under '{key}'";
        }

        return weights.StrippedModulePrefix ? origin + ", 'module.' prefixes removed" : origin;
    }

    private static int Classes(BuiltInArchitecture architecture, StateDict weights, List<InitNote> notes)
    {
        if (architecture.ClassifierWeight is not { } classifier)
        {
            return DefaultClasses;
        }

        var shape = weights.Entries.FirstOrDefault(e => e.Key == classifier).Value?.shape;
        if (shape is [var classes, _])
        {
            notes.Add(new InitNote("num_classes", classes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"from {classifier} [{string.Join(", ", shape)}]"));
            return (int)classes;
        }

        notes.Add(new InitNote("num_classes", "1000", $"the file has no {classifier} (a custom head): torchvision's default is kept; the head comes after the dissected layer and is not loaded"));
        return DefaultClasses;
    }

    private static string Normalisation(ModelInputSpec input) => FormattableString.Invariant(
        $"{input.ChannelOrder}, pixel_scale {input.PixelScale}, mean [{string.Join(", ", input.Mean)}], std [{string.Join(", ", input.Std)}]");

    /// <summary>Builds the model and loads the file as dissect will, so that a card that cannot work is never written.</summary>
    private static WeightLoadReport CheckLoads(ModelCard card, StateDict weights)
    {
        using var model = ModelLoader.Create(card);
        var trace = ForwardTrace.Run(model, card.Input.Size, weights.Path);
        return WeightLoader.Load(model, weights, trace, card.Layers, card.Architecture!, weights.Path);
    }
}

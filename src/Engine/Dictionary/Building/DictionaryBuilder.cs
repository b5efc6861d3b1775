using System.Globalization;
using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// <c>hnd-gate dictionary build</c>: face images + 68-point landmarks + labels → a Format B dictionary whose
/// masks are the confidence ellipses of each concept's landmarks (face-dictionary.md, "Building a dictionary
/// from landmarks"). Parts are drawn on every image; attributes and action units where the labels say so.
/// Layout: <c>local/&lt;id&gt;/original.&lt;ext&gt;</c> (the image, copied as is), <c>local/&lt;id&gt;/&lt;concept&gt;.png</c>
/// (8-bit grey, 0/255, the image's size), <c>global/&lt;family&gt;/&lt;subgroup&gt;/&lt;n&gt;.&lt;ext&gt;</c>.
/// </summary>
public static class DictionaryBuilder
{
    /// <summary>Builds the dictionary; <paramref name="cancel"/> stops it with nothing written.</summary>
    public static DictionaryBuildResult Build(DictionaryBuildOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var map = options.ConceptMapFile is null ? ConceptMapReader.Standard : ConceptMapReader.Load(options.ConceptMapFile, new JsonSchemaValidator());
        if (options.Confidence is { } confidence)
        {
            map = map with { Confidence = confidence };
        }

        var landmarks = LandmarkTable.Read(options.LandmarksFile);
        var labels = LabelTable.Read(options.LabelsFile, map);
        var globals = options.GlobalsFile is null ? null : GlobalLabelTable.Read(options.GlobalsFile);

        // Every input is checked before anything is written.
        var decoder = new ImageFileDecoder();
        var local = labels.Rows.Select(row =>
        {
            cancel.ThrowIfCancellationRequested();
            return PlanLocal(row, map, landmarks, labels.File, options.ImagesFolder, decoder);
        }).ToList();
        var global = globals?.Families
            .Select(f => (f.Name, Subgroups: f.Subgroups
                .Select(s => (s.Name, Images: s.Images.Select(i => Source(options.ImagesFolder, i.Image, globals.File, i.Line)).ToList()))
                .ToList()))
            .ToList() ?? [];

        var masks = 0;
        var hash = string.Empty;
        AtomicFile.WriteDirectory(options.OutputFolder, options.Overwrite, root =>
        {
            var images = WriteLocal(root, local, map, landmarks.File, new StageCounter("local images", local.Count, progress), cancel);
            masks = images.Sum(i => i.Masks.Count);
            var families = global.Select(f => new GlobalFamily(
                f.Name,
                null,
                f.Subgroups.Select(s => new Subgroup(s.Name, s.Images.Select((path, n) =>
                {
                    cancel.ThrowIfCancellationRequested();
                    return CopyInto(root, $"global/{f.Name}/{s.Name}/{Id(n)}", path);
                }).ToList())).ToList())).ToList();
            var dictionary = new FaceDictionary(
                root,
                DictionaryFormat.Manifest,
                map.Concepts.Select(c => c.Concept).ToList(),
                images,
                families,
                new DictionarySource($"hnd-gate dictionary build {EngineVersion.Text}", LandmarkModel: map.LandmarkModel, ConceptMap: map.Label));
            hash = DictionaryManifest.Write(dictionary);
        });

        return new DictionaryBuildResult(Path.GetFullPath(options.OutputFolder), local.Count, masks, global.Sum(f => f.Subgroups.Sum(s => s.Images.Count)), hash);
    }

    private static LocalImage[] WriteLocal(string root, List<LocalPlan> plans, ConceptMap map, string landmarksFile, StageCounter counter, CancellationToken cancel)
    {
        var images = new LocalImage[plans.Count];
        var errors = new HndGateInputException?[plans.Count];
        counter.Start();
        Parallel.For(0, plans.Count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            var plan = plans[i];
            var folder = $"local/{Id(i)}";
            var image = CopyInto(root, $"{folder}/original", plan.Source);
            var masks = new List<ConceptMask>(plan.Concepts.Count);
            foreach (var entry in plan.Concepts)
            {
                var mask = map.DrawMask(entry, plan.Landmarks.Points, plan.Width, plan.Height);
                if (mask.Area == 0)
                {
                    errors[i] = new HndGateInputException(
                        $"the mask of '{entry.Concept.Name}' is empty: its landmarks lie outside the {plan.Width}×{plan.Height} image (coordinates are pixels, 0-based)",
                        landmarksFile,
                        plan.Landmarks.Line);
                    return;
                }

                var path = $"{folder}/{entry.Concept.Name}.png";
                File.WriteAllBytes(Path.Combine(root, path), mask.EncodePng());
                masks.Add(new ConceptMask(entry.Concept.Name, path));
            }

            images[i] = new LocalImage(image, masks);
            counter.Step();
        });

        if (errors.FirstOrDefault(e => e is not null) is { } first)
        {
            throw first;
        }

        return images;
    }

    private static LocalPlan PlanLocal(LabelRow row, ConceptMap map, LandmarkTable landmarks, string labelsFile, string imagesFolder, ImageFileDecoder decoder)
    {
        if (!landmarks.TryGet(row.Image, out var points))
        {
            throw new HndGateInputException($"the image '{row.Image}' has no landmarks in {landmarks.File}: add a row for it there or remove it here", labelsFile, row.Line);
        }

        var source = Source(imagesFolder, row.Image, labelsFile, row.Line);
        // The header only, checked against the image limits; its problems name the image file.
        var header = decoder.Identify(source, Path.Combine(imagesFolder, row.Image));

        // Parts are on every face; attributes and action units only where labelled.
        var concepts = map.Concepts.Where(c => c.Concept.Type == ConceptType.Part || row.Concepts.Contains(c.Concept.Name)).ToList();
        return new LocalPlan(source, header.Width, header.Height, points, concepts);
    }

    private static string Source(string imagesFolder, string image, string file, int line)
    {
        var root = Path.GetFullPath(imagesFolder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (Path.IsPathRooted(image) || image.Replace('\\', '/').Split('/').Contains(".."))
        {
            throw new HndGateInputException($"the image path '{image}' must be relative to the images folder and stay inside it", file, line);
        }

        var full = Path.GetFullPath(Path.Combine(root, image));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
        {
            throw new HndGateInputException($"the image '{image}' does not exist in the images folder {imagesFolder}", file, line);
        }

        return full;
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="stem"/> plus its extension; returns that relative path.</summary>
    private static string CopyInto(string root, string stem, string source)
    {
        var relative = stem + Path.GetExtension(source).ToLowerInvariant();
        var target = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        return relative;
    }

    private static string Id(int index) => index.ToString("D6", CultureInfo.InvariantCulture);

    private sealed record LocalPlan(string Source, int Width, int Height, LandmarkRow Landmarks, IReadOnlyList<ConceptLandmarks> Concepts);
}

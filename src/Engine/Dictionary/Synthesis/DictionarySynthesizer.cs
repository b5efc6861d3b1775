using System.Diagnostics;
using System.Globalization;
using HndGate.Engine.Dictionary.Building;
using HndGate.Engine.Dissection;
using HndGate.Engine.Formats;

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>
/// <c>hnd-gate dictionary synth</c>: a procedural Face Dictionary in Format B. Local images carry the 8 parts
/// and the attributes and action units they were drawn with; their masks come from
/// <see cref="ConceptMap.DrawMask"/> over the rendered landmarks with the standard map, the code path of
/// <c>dictionary build</c>. Same options → same bytes (docs/synthetic-dictionary.md).
/// Layout: <c>local/&lt;id&gt;/original.png</c>, <c>local/&lt;id&gt;/&lt;concept&gt;.png</c>,
/// <c>global/&lt;family&gt;/&lt;subgroup&gt;/&lt;n&gt;.png</c>; every image is 8-bit RGB (grayscale ones too).
/// </summary>
public static class DictionarySynthesizer
{
    /// <summary>Writes the dictionary; <paramref name="cancel"/> stops it with nothing written.</summary>
    public static DictionarySynthResult Synthesize(DictionarySynthOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var map = ConceptMapReader.Standard;
        var size = options.Size;
        var local = new LocalImage[options.LocalImages];
        var plan = SyntheticFamilies.Split(options.GlobalImages);
        var hash = string.Empty;

        var parallel = new ParallelOptions { CancellationToken = cancel };
        AtomicFile.WriteDirectory(options.OutputFolder, options.Overwrite, root =>
        {
            var localCounter = new StageCounter("local images", local.Length, progress);
            localCounter.Start();
            Parallel.For(0, local.Length, parallel, i =>
            {
                var face = FaceSynthesizer.Local(options.Seed, i, size);
                var folder = $"local/{Id(i)}";
                Directory.CreateDirectory(Path.Combine(root, folder));
                var image = $"{folder}/original.png";
                File.WriteAllBytes(Path.Combine(root, image), PngImage.EncodeRgb(face.Rgb, size, size));
                var masks = new List<ConceptMask>();
                foreach (var entry in map.Concepts.Where(c => c.Concept.Type == ConceptType.Part || face.Parameters.Concepts.Contains(c.Concept.Name)))
                {
                    var path = $"{folder}/{entry.Concept.Name}.png";
                    File.WriteAllBytes(Path.Combine(root, path), map.DrawMask(entry, face.Landmarks, size, size).EncodePng());
                    masks.Add(new ConceptMask(entry.Concept.Name, path));
                }

                local[i] = new LocalImage(image, masks);
                localCounter.Step();
            });

            foreach (var (family, subgroups) in SyntheticFamilies.All)
            {
                foreach (var subgroup in subgroups)
                {
                    Directory.CreateDirectory(Path.Combine(root, "global", family, subgroup));
                }
            }

            var global = new string[plan.Count];
            var globalCounter = new StageCounter("global images", plan.Count, progress);
            globalCounter.Start();
            Parallel.For(0, plan.Count, parallel, j =>
            {
                var (family, subgroup, number) = plan[j];
                var face = FaceSynthesizer.Global(options.Seed, j, family, subgroup, size);
                global[j] = $"global/{family}/{subgroup}/{Id(number)}.png";
                File.WriteAllBytes(Path.Combine(root, global[j]), PngImage.EncodeRgb(face.Rgb, size, size));
                globalCounter.Step();
            });

            var families = plan.Count == 0
                ? []
                : SyntheticFamilies.All.Select(f => new GlobalFamily(
                    f.Family,
                    null,
                    f.Subgroups.Select(s => new Subgroup(s, Enumerable.Range(0, plan.Count).Where(j => plan[j].Family == f.Family && plan[j].Subgroup == s).Select(j => global[j]).ToList())).ToList())).ToList();

            var dictionary = new FaceDictionary(
                root,
                DictionaryFormat.Manifest,
                map.Concepts.Select(c => c.Concept).ToList(),
                local,
                families,
                new DictionarySource($"hnd-gate dictionary synth {EngineVersion.Text}", options.Seed, map.LandmarkModel, map.Label));
            hash = DictionaryManifest.Write(dictionary);
        });

        var counts = map.Concepts
            .Select(c => new ConceptCount(c.Concept.Name, c.Concept.Type.ToName(), c.Concept.Region, local.Count(image => image.Masks.Any(m => m.Concept == c.Concept.Name))))
            .ToList();
        return new DictionarySynthResult(
            Path.GetFullPath(options.OutputFolder),
            local.Length,
            local.Sum(i => i.Masks.Count),
            plan.Count,
            counts,
            hash,
            clock.Elapsed.TotalSeconds);
    }

    private static string Id(int index) => index.ToString("D6", CultureInfo.InvariantCulture);
}

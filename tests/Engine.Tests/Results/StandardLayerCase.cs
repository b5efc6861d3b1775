using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Results;

namespace HndGate.Engine.Tests.Results;

/// <summary>
/// Random results of one layer of the standard dictionary's size: 38 local concepts, 5 global families
/// (the 4 standard ones and color_scheme; 14 subgroups), 24,632 local images, 5 top images per unit.
/// Numbers carry full double precision, so every one is rounded on writing; flags follow R6 and R7.
/// </summary>
internal static class StandardLayerCase
{
    public const int LocalImageCount = 24_632;

    public static DissectionResults Create(int units, int seed)
    {
        var random = new Random(seed);
        var families = StandardConcepts.GlobalFamilies
            .Append(("color_scheme", ["color", "grayscale"]))
            .Select(f => new GlobalFamilyLayout(f.Family, GlobalFamily.DefaultThreshold(f.Subgroups.Count), f.Subgroups, [.. f.Subgroups.Select(_ => 1)]))
            .ToList();
        var concepts = StandardConcepts.Local;
        var localImages = Enumerable.Range(0, LocalImageCount).Select(n => $"attributes/{n:D6}/original.png").ToList();

        double[] Normalised(int count)
        {
            var weights = Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
            var sum = weights.Sum();
            return [.. weights.Select(w => w / sum)];
        }

        var records = new List<UnitRecord>();
        for (var u = 0; u < units; u++)
        {
            var top = concepts[random.Next(concepts.Count)];
            var iou = random.NextDouble() * 0.12;
            var localisable = iou >= 0.04;
            var region = localisable ? top.Region : null;
            var regionConcepts = concepts.Where(c => c.Region == region).ToList();
            var p = Normalised(regionConcepts.Count);
            var maxima = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 20).OrderDescending().ToList();
            records.Add(new UnitRecord(
                u,
                (random.NextDouble() * 10) - 1,
                top.Name,
                iou,
                localisable,
                region,
                [.. regionConcepts.Select((c, i) => new ConceptProbability(c.Name, p[i], p[i] > 1.5 / regionConcepts.Count))],
                [.. families.Select(f =>
                {
                    var ps = Normalised(f.Subgroups.Count);
                    return new FamilyProbabilities(f.Name, [.. f.Subgroups.Select((s, i) => new SubgroupProbability(s, ps[i], ps[i] > f.Threshold))]);
                })],
                [.. maxima.Select(m => new TopImage(random.Next(LocalImageCount), m))]));
        }

        var structure = new DissectionConcepts(concepts, [], families);
        var zeros = new long[units * concepts.Count];
        var layer = new DissectedLayer(
            "layer4.1.conv2",
            7,
            7,
            new LayerResult(1234, records, LayerSummary.Summarise(records, structure), new IouCounts(units, concepts.Count, LocalImageCount, zeros, zeros)));
        return new DissectionResults(
            new DissectionFingerprint("0.1.0", "sha256:" + new string('a', 64), "resnet18", "sha256:" + new string('b', 64), "cpu", [new("quantile", "0.005")]),
            new DissectionSettings(0.005, 0.04, 224, 224, [.. families.Select(f => new KeyValuePair<string, double>(f.Name, f.Threshold))]),
            localImages,
            [layer]);
    }
}

using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>
/// Random activations, masks and families for comparing the engine with <see cref="NaiveHnd"/>. Values are
/// multiples of 0.5 (exact ties in maxima and at thresholds) or continuous; unit 1 is silent when U ≥ 3;
/// the concept 'never' is carried by no image; some images carry nothing, some masks are empty.
/// With <c>planted</c>, unit 0 fires on every image that carries AU_12 and on no other (so it is
/// interpretable for AU_12 and biased towards the first subgroup of each family).
/// <c>subgroupImages</c> gives every subgroup that many images instead of a random 1 to 4.
/// </summary>
internal sealed class RandomDissectionCase
{
    public static readonly IReadOnlyList<Concept> Concepts =
    [
        new("brow", ConceptType.Part, "eye"),
        new("AU_1", ConceptType.ActionUnit, "eye"),
        new("never", ConceptType.Attribute, "eye"),
        new("AU_12", ConceptType.ActionUnit, "mouth"),
        new("Smiling", ConceptType.Attribute, "mouth"),
        new("chin", ConceptType.Part, "chin"),
    ];

    public RandomDissectionCase(int seed, int units, int height, int width, int tallySize, int images, double quantile, bool ties, bool planted = false, int? subgroupImages = null)
    {
        var random = new Random(seed);
        Units = units;
        Height = height;
        Width = width;
        TallySize = tallySize;
        Quantile = quantile;
        int Size(int max) => subgroupImages ?? random.Next(1, max);
        Families =
        [
            new GlobalFamilyLayout("gender", 0.55, ["male", "female"], [Size(5), Size(5)]),
            new GlobalFamilyLayout("age", 0.30, ["young", "adult", "middle", "old"], [.. Enumerable.Range(0, 4).Select(_ => Size(4))]),
            new GlobalFamilyLayout("scheme", GlobalFamily.DefaultThreshold(3), ["a", "b", "c"], [.. Enumerable.Range(0, 3).Select(_ => Size(4))]),
        ];

        float Value() => ties ? random.Next(-4, 12) / 2f : (float)((random.NextDouble() * 4) - 1);
        float[][][,] Maps(int count) => [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, units).Select(u =>
        {
            var map = new float[height, width];
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    map[y, x] = units >= 3 && u == 1 ? 1.5f : Value();
                }
            }

            return map;
        }).ToArray())];

        Local = Maps(images);
        Global = Maps(Families.Sum(f => f.Images));
        Masks = new IReadOnlyList<(int, bool[,])>[images];
        var fires = new bool[images];
        for (var n = 0; n < images; n++)
        {
            var carried = new List<(int, bool[,])>();
            for (var c = 0; c < Concepts.Count; c++)
            {
                if (Concepts[c].Name == "never" || random.NextDouble() < 0.5)
                {
                    continue;
                }

                var density = new[] { 0.0, 0.2, 0.5 }[random.Next(3)];
                var mask = new bool[tallySize, tallySize];
                for (var y = 0; y < tallySize; y++)
                {
                    for (var x = 0; x < tallySize; x++)
                    {
                        mask[y, x] = random.NextDouble() < density;
                    }
                }

                carried.Add((c, mask));
            }

            Masks[n] = carried;
            fires[n] = carried.Any(m => Concepts[m.Item1].Name == "AU_12");
        }

        if (planted)
        {
            Plant(Local, fires);
            var firstSubgroups = new bool[Global.Length];
            var offset = 0;
            foreach (var family in Families)
            {
                firstSubgroups.AsSpan(offset, family.SubgroupImages[0]).Fill(true);
                offset += family.Images;
            }

            Plant(Global, firstSubgroups);
        }
    }

    public int Units { get; }

    private static void Plant(float[][][,] maps, bool[] fires)
    {
        for (var n = 0; n < maps.Length; n++)
        {
            var map = maps[n][0];
            for (var y = 0; y < map.GetLength(0); y++)
            {
                for (var x = 0; x < map.GetLength(1); x++)
                {
                    map[y, x] = fires[n] ? (y == 0 && x == 0 ? 9 : 8) : -1;
                }
            }
        }
    }

    public int Height { get; }

    public int Width { get; }

    public int TallySize { get; }

    public double Quantile { get; }

    public IReadOnlyList<GlobalFamilyLayout> Families { get; }

    public float[][][,] Local { get; }

    public float[][][,] Global { get; }

    public IReadOnlyList<(int Concept, bool[,] Mask)>[] Masks { get; }

    public DissectionConcepts Structure => new(
        Concepts,
        [.. Masks.Select(m => (IReadOnlyList<int>)[.. m.Select(x => x.Concept)])],
        Families);

    public NaiveInput NaiveInput(DissectionParameters parameters) => new(
        Local, Masks, Global, Concepts, Families, Quantile, parameters.IouThreshold, TallySize, parameters.TopImageCount, Units, Height, Width);

    /// <summary>Activations of images [start, start + count) as N_b × U × h × w float32.</summary>
    public static Tensor Batch(float[][][,] maps, int start, int count)
    {
        var units = maps[0].Length;
        var height = maps[0][0].GetLength(0);
        var width = maps[0][0].GetLength(1);
        var values = new float[count * units * height * width];
        var i = 0;
        for (var n = start; n < start + count; n++)
        {
            foreach (var map in maps[n])
            {
                foreach (var v in map)
                {
                    values[i++] = v;
                }
            }
        }

        return torch.tensor(values, [count, units, height, width]);
    }

    /// <summary>The masks of images [start, start + count) as the tally takes them, in the given dtype.</summary>
    public ConceptMaskBatch MaskBatch(int start, int count, ScalarType dtype)
    {
        var images = new List<int>();
        var concepts = new List<int>();
        var bits = new List<float>();
        for (var n = start; n < start + count; n++)
        {
            foreach (var (c, mask) in Masks[n])
            {
                images.Add(n - start);
                concepts.Add(c);
                foreach (var b in mask)
                {
                    bits.Add(b ? 1 : 0);
                }
            }
        }

        using var values = torch.tensor(bits.ToArray(), [images.Count, TallySize, TallySize]);
        return new ConceptMaskBatch(values.to(dtype), images, concepts);
    }

    /// <summary>Splits <paramref name="total"/> images into random batch sizes.</summary>
    public static IReadOnlyList<(int Start, int Count)> Batches(int total, Random random, int maxBatch)
    {
        var batches = new List<(int, int)>();
        for (var start = 0; start < total;)
        {
            var count = Math.Min(total - start, random.Next(1, maxBatch + 1));
            batches.Add((start, count));
            start += count;
        }

        return batches;
    }

    /// <summary>Streams everything through the engine (in batches drawn from <paramref name="seed"/>) and dissects.</summary>
    public LayerResult RunEngine(DissectionParameters parameters, int seed, int maxBatch, bool skipSilentMaps = true)
    {
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope();
        var k = ActivationThresholds.TopCountFor(Quantile, (long)Local.Length * Height * Width);
        using var local = new ActivationThresholds(Units, Local.Length, k);
        foreach (var (start, count) in Batches(Local.Length, random, maxBatch))
        {
            local.Add(Batch(Local, start, count));
        }

        using var global = new ActivationExtremes(Units, Global.Length);
        foreach (var (start, count) in Batches(Global.Length, random, maxBatch))
        {
            global.Add(Batch(Global, start, count));
        }

        using var tally = new IouTally(local.Thresholds(), Concepts.Count, Height, Width, TallySize, skipSilentMaps);
        var dtypes = new[] { ScalarType.Bool, ScalarType.Byte, ScalarType.Float32 };
        foreach (var (start, count) in Batches(Local.Length, random, maxBatch))
        {
            tally.Add(Batch(Local, start, count), MaskBatch(start, count, dtypes[random.Next(dtypes.Length)]));
        }

        return LayerDissection.Dissect(local, global, tally.Counts(), Structure, parameters);
    }
}

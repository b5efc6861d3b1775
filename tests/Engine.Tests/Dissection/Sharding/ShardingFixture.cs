using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Formats;

namespace HndGate.Engine.Tests.Dissection.Sharding;

/// <summary>
/// A dictionary whose counts shard unevenly: 20 local images (3 shards of 6, 7, 7) and 13 global ones over
/// families of 7, 2, 2 and 2 images (so 3 shards split the first family and exceed the others), at 64 px; a
/// ResNet-18 card with one layer; and activation files of 8 units × 4 × 4 drawn from a seeded generator,
/// for runs without a model. A second dictionary with the same counts but other images serves the refusals.
/// </summary>
public sealed class ShardingFixture : IDisposable
{
    public const int Local = 20;
    public const int Global = 13;
    public const int Units = 8;
    public const int MapSize = 4;

    private readonly TemporaryDirectory _directory = new();

    public ShardingFixture()
    {
        Synthesize(DictionaryPath, seed: 5);
        Synthesize(OtherDictionaryPath, seed: 6);
        File.WriteAllText(CardPath, """
            {
              "format": "torchvision",
              "architecture": "resnet18",
              "seed": 11,
              "input": { "size": 64, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] },
              "layers": ["layer3"]
            }
            """);
        WriteActivations();
    }

    public string DictionaryPath => _directory.Combine("dictionary");

    /// <summary>Another dictionary with the same counts (so the same activation files fit it).</summary>
    public string OtherDictionaryPath => _directory.Combine("other-dictionary");

    public string CardPath => _directory.Combine("hnd-model.json");

    /// <summary>local.npy and global/&lt;family&gt;.npy for <see cref="DictionaryPath"/>.</summary>
    public string ActivationsPath => _directory.Combine("activations");

    /// <summary>The image counts of the global families, in dictionary order.</summary>
    public IReadOnlyList<int> FamilyImages { get; private set; } = [];

    public void Dispose() => _directory.Dispose();

    private static void Synthesize(string folder, long seed) =>
        DictionarySynthesizer.Synthesize(new DictionarySynthOptions
        {
            OutputFolder = folder,
            Size = 64,
            LocalImages = Local,
            GlobalImages = Global,
            Seed = seed,
        });

    private void WriteActivations()
    {
        var dictionary = DictionaryLoader.Load(DictionaryPath, new DictionaryLoadOptions(false)).Dictionary;
        FamilyImages = dictionary.Global.Select(f => f.ImageCount).ToList();
        Directory.CreateDirectory(Path.Combine(ActivationsPath, NpyActivationSource.GlobalFolder));
        var random = new Random(17);
        Write(Path.Combine(ActivationsPath, NpyActivationSource.LocalFile), Local, random);
        foreach (var family in dictionary.Global)
        {
            Write(Path.Combine(ActivationsPath, NpyActivationSource.GlobalFolder, family.Name + ".npy"), family.ImageCount, random);
        }
    }

    private static void Write(string path, int images, Random random)
    {
        var values = new float[images * Units * MapSize * MapSize];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 4) - 1);
        }

        using var tensor = TorchSharp.torch.tensor(values, [images, Units, MapSize, MapSize]);
        using var writer = new NpyWriter(path, NpyDataType.Float32, [images, Units, MapSize, MapSize]);
        writer.Append(tensor);
        writer.Complete();
    }
}

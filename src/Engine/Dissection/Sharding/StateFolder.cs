using System.Security.Cryptography;
using HndGate.Engine.Formats;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection.Sharding;

/// <summary>
/// A sharded run's state on disk: a folder with the manifest (<see cref="ShardManifest.FileName"/>) and, per
/// layer l, the tensors in <c>layers/&lt;l&gt;/</c> as .npy (exact float32 values; int64 counts). Written whole
/// or not at all; read back with every shape checked against the manifest.
/// </summary>
public static class StateFolder
{
    private const string Top = "top.npy";
    private const string LocalMaxima = "local-maxima.npy";
    private const string LocalMinima = "local-minima.npy";
    private const string GlobalMaxima = "global-maxima.npy";
    private const string GlobalMinima = "global-minima.npy";
    private const string Intersections = "intersections.npy";
    private const string Unions = "unions.npy";

    /// <summary>Writes a phase-1 state or merged thresholds: R2's top-k buffers and the per-image extremes.</summary>
    public static void WriteThresholds(string folder, ShardManifest manifest, ThresholdState state) =>
        Write(folder, manifest, layerFolder =>
        {
            for (var l = 0; l < state.Layers.Count; l++)
            {
                var layer = state.Layers[l];
                var directory = layerFolder(l);
                WriteArray(Path.Combine(directory, Top), NpyDataType.Float32, layer.Local.TopValues);
                WriteArray(Path.Combine(directory, LocalMaxima), NpyDataType.Float32, layer.Local.Extremes.Maxima);
                WriteArray(Path.Combine(directory, LocalMinima), NpyDataType.Float32, layer.Local.Extremes.Minima);
                if (layer.Global is { } global)
                {
                    WriteArray(Path.Combine(directory, GlobalMaxima), NpyDataType.Float32, global.Maxima);
                    WriteArray(Path.Combine(directory, GlobalMinima), NpyDataType.Float32, global.Minima);
                }
            }
        });

    /// <summary>Writes a shard's phase-2 tally: R3's intersections and unions per layer.</summary>
    public static void WriteTally(string folder, ShardManifest manifest, IReadOnlyList<IouCounts> counts) =>
        Write(folder, manifest, layerFolder =>
        {
            for (var l = 0; l < counts.Count; l++)
            {
                var directory = layerFolder(l);
                long[] shape = [counts[l].Units, counts[l].Concepts];
                using var intersections = torch.tensor(counts[l].Intersections.ToArray(), shape);
                using var unions = torch.tensor(counts[l].Unions.ToArray(), shape);
                WriteArray(Path.Combine(directory, Intersections), NpyDataType.Int64, intersections);
                WriteArray(Path.Combine(directory, Unions), NpyDataType.Int64, unions);
            }
        });

    /// <summary>Reads a phase-1 state or merged thresholds; the tensors go to the CPU.</summary>
    public static StoredThresholds ReadThresholds(string folder, JsonSchemaValidator validator)
    {
        var manifest = ShardManifestReader.Read(folder, validator);
        if (manifest.Content == ShardContent.Phase2)
        {
            throw new HndGateInputException($"this is {manifest.Description}, not a phase-1 state or merged thresholds", folder);
        }

        var plan = manifest.Plan;
        var hasGlobal = plan.Concepts.GlobalImages > 0;
        var layers = new List<LayerStatistics>(plan.Layers.Count);
        try
        {
            for (var l = 0; l < plan.Layers.Count; l++)
            {
                var layer = plan.Layers[l];
                var units = layer.Shape.Units;
                var directory = LayerFolder(folder, l);
                var topCount = Math.Min(layer.TopCount, (long)manifest.Local.Count * layer.Shape.Height * layer.Shape.Width);
                using var scope = NewDisposeScope();
                var top = ReadArray(Path.Combine(directory, Top), NpyDataType.Float32, [units, topCount]);
                var maxima = ReadArray(Path.Combine(directory, LocalMaxima), NpyDataType.Float32, [manifest.Local.Count, units]);
                var minima = ReadArray(Path.Combine(directory, LocalMinima), NpyDataType.Float32, [manifest.Local.Count, units]);
                var thresholds = ActivationThresholds.Restore(top, maxima, minima, layer.TopCount);
                ActivationExtremes? global = null;
                try
                {
                    if (hasGlobal)
                    {
                        global = ActivationExtremes.Restore(
                            ReadArray(Path.Combine(directory, GlobalMaxima), NpyDataType.Float32, [manifest.Global.Count, units]),
                            ReadArray(Path.Combine(directory, GlobalMinima), NpyDataType.Float32, [manifest.Global.Count, units]));
                    }
                }
                catch
                {
                    thresholds.Dispose();
                    throw;
                }

                layers.Add(new LayerStatistics(thresholds, global));
            }

            var state = new ThresholdState(plan, manifest.Local, manifest.Global, layers);
            return new StoredThresholds(folder, manifest, state, Hash(folder, plan.Layers.Count, hasGlobal ? [Top, LocalMaxima, LocalMinima, GlobalMaxima, GlobalMinima] : [Top, LocalMaxima, LocalMinima]));
        }
        catch
        {
            layers.ForEach(l => l.Dispose());
            throw;
        }
    }

    /// <summary>Reads a shard's phase-2 tally.</summary>
    public static StoredTally ReadTally(string folder, JsonSchemaValidator validator)
    {
        var manifest = ShardManifestReader.Read(folder, validator);
        if (manifest.Content != ShardContent.Phase2)
        {
            throw new HndGateInputException($"this is {manifest.Description}, not a phase-2 tally: 'hnd-gate merge --phase 2' takes the folders of 'hnd-gate dissect --shard i/n --phase 2'", folder);
        }

        var concepts = manifest.Plan.Concepts.Concepts.Count;
        var counts = new List<IouCounts>(manifest.Plan.Layers.Count);
        for (var l = 0; l < manifest.Plan.Layers.Count; l++)
        {
            var units = manifest.Plan.Layers[l].Shape.Units;
            var directory = LayerFolder(folder, l);
            using var scope = NewDisposeScope();
            var intersections = ReadArray(Path.Combine(directory, Intersections), NpyDataType.Int64, [units, concepts]);
            var unions = ReadArray(Path.Combine(directory, Unions), NpyDataType.Int64, [units, concepts]);
            counts.Add(new IouCounts(units, concepts, manifest.Local.Count, intersections.data<long>().ToArray(), unions.data<long>().ToArray()));
        }

        return new StoredTally(folder, manifest, counts);
    }

    private static string LayerFolder(string folder, int layer) =>
        Path.Combine(folder, "layers", layer.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Builds the folder in a temporary sibling and moves it into place. An existing state folder is replaced;
    /// any other non-empty folder is refused, so that a mistyped --out never deletes someone's files.
    /// </summary>
    private static void Write(string folder, ShardManifest manifest, Action<Func<int, string>> writeLayers)
    {
        if (File.Exists(folder))
        {
            throw new HndGateInputException("--out names a file, but a phase or a merge of phase 1 writes a folder: choose a folder name", folder);
        }

        var exists = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
        if (exists && !File.Exists(Path.Combine(folder, ShardManifest.FileName)))
        {
            throw new HndGateInputException($"the output folder exists and holds other files than a state folder ({ShardManifest.FileName} is missing): choose a new or empty folder", folder);
        }

        AtomicFile.WriteDirectory(folder, overwrite: exists, temporary =>
        {
            writeLayers(l => Directory.CreateDirectory(LayerFolder(temporary, l)).FullName);
            AtomicFile.WriteAllBytes(Path.Combine(temporary, ShardManifest.FileName), ShardManifestWriter.Serialize(manifest));
        });
    }

    private static void WriteArray(string path, NpyDataType type, Tensor values)
    {
        using var writer = new NpyWriter(path, type, values.shape);
        writer.Append(values);
        writer.Complete();
    }

    /// <summary>The whole array, in the caller's dispose scope, after checking its type and shape.</summary>
    private static Tensor ReadArray(string path, NpyDataType type, long[] shape)
    {
        if (!File.Exists(path))
        {
            throw new HndGateInputException("the state folder lacks this file: it is incomplete (copy the whole folder, or run the phase again)", path);
        }

        using var reader = NpyReader.Open(path);
        if (reader.Header.DataType != type || !reader.Header.Shape.SequenceEqual(shape))
        {
            throw new HndGateInputException(
                $"the array is {reader.Header.DataType} ({string.Join(", ", reader.Header.Shape)}) but the manifest needs {type} ({string.Join(", ", shape)}): the state folder is damaged; run the phase again",
                path);
        }

        return reader.ReadRows(0, shape[0]);
    }

    /// <summary>SHA-256 over the manifest and each layer's files, in a fixed order.</summary>
    private static string Hash(string folder, int layers, IReadOnlyList<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var paths = new[] { Path.Combine(folder, ShardManifest.FileName) }
            .Concat(Enumerable.Range(0, layers).SelectMany(l => files.Select(f => Path.Combine(LayerFolder(folder, l), f))));
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            sha.AppendData(SHA256.HashData(stream));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

using System.Buffers;
using HndGate.Engine.Dictionary;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The masks of a range of local images at the tally resolution (R1.3), as the tally takes them: one
/// binary S × S row per (image, concept) pair. Files are decoded and resized on all cores.
/// </summary>
public sealed class ConceptMaskLoader(FaceDictionary dictionary, DissectionConcepts concepts, ImageFileDecoder decoder, int tallySize)
{
    private readonly Dictionary<string, int> _conceptIndex =
        concepts.Concepts.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

    /// <summary>
    /// The masks of local images [first, first + count) in batches of <paramref name="batchSize"/>, the next
    /// batch decoded while the caller tallies the current one. The caller owns each returned tensor.
    /// </summary>
    public IEnumerable<(int First, int Count, ConceptMaskBatch Masks)> LoadAhead(int first, int count, int batchSize) =>
        Ahead(first, count, batchSize, Load, batch => batch.Masks.Dispose());

    /// <summary>
    /// As <see cref="LoadAhead"/>, as bitmaps (the host tally's form, for CPU runs): each mask is packed on the
    /// decoding thread right after it is resized, so the tally never reads bytes.
    /// </summary>
    public IEnumerable<(int First, int Count, ConceptMaskBitmaps Masks)> LoadBitmapsAhead(int first, int count, int batchSize) =>
        Ahead(first, count, batchSize, LoadBitmaps, _ => { });

    /// <summary>The masks of local images [first, first + count); the caller owns the returned tensor.</summary>
    public ConceptMaskBatch Load(int first, int count)
    {
        var pairs = Pairs(first, count);

        // Each file is decoded and resized straight into its row of one buffer: one tensor a batch.
        var pixels = tallySize * tallySize;
        var rows = new byte[checked(pairs.Count * pixels)];
        OrderedParallel.For(pairs.Count, i => Decode(pairs[i].Path, rows.AsSpan(i * pixels, pixels)));

        var masks = tensor(rows, [pairs.Count, tallySize, tallySize], ScalarType.Byte);
        return new ConceptMaskBatch(
            masks,
            pairs.Select(p => p.Image).ToList(),
            pairs.Select(p => p.Concept).ToList());
    }

    /// <summary>The masks of local images [first, first + count) as bitmaps.</summary>
    public ConceptMaskBitmaps LoadBitmaps(int first, int count)
    {
        var pairs = Pairs(first, count);
        var pixels = tallySize * tallySize;
        var words = ConceptMaskBitmaps.WordsFor(tallySize);
        var bits = new ulong[checked(pairs.Count * words)];
        OrderedParallel.For(pairs.Count, i =>
        {
            var row = ArrayPool<byte>.Shared.Rent(pixels);
            try
            {
                Decode(pairs[i].Path, row.AsSpan(0, pixels));
                ConceptMaskBitmaps.Pack(row.AsSpan(0, pixels), bits.AsSpan(i * words, words));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(row);
            }
        });

        return new ConceptMaskBitmaps(
            tallySize,
            bits,
            pairs.Select(p => p.Image).ToList(),
            pairs.Select(p => p.Concept).ToList());
    }

    /// <summary>Batches loaded one ahead of the caller; <paramref name="free"/> frees the one loaded ahead when the caller stops early.</summary>
    private static IEnumerable<(int First, int Count, T Masks)> Ahead<T>(int first, int count, int batchSize, Func<int, int, T> load, Action<T> free)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Task<T>? ahead = null;
        try
        {
            for (var start = first; start < first + count; start += batchSize)
            {
                var size = Math.Min(batchSize, first + count - start);
                var current = ahead is null ? load(start, size) : ahead.GetAwaiter().GetResult();
                ahead = null;
                var next = start + size;
                if (next < first + count)
                {
                    ahead = Task.Run(() => load(next, Math.Min(batchSize, first + count - next)));
                }

                yield return (start, size, current);
            }
        }
        finally
        {
            // The caller stopped early: wait for the batch decoded ahead and free it.
            if (ahead is not null)
            {
                Task.WhenAny(ahead).Wait();
                if (ahead.IsCompletedSuccessfully)
                {
                    free(ahead.Result);
                }
            }
        }
    }

    /// <summary>The (image in the batch, concept, file) of every mask of local images [first, first + count).</summary>
    private List<(int Image, int Concept, string Path)> Pairs(int first, int count)
    {
        var pairs = new List<(int Image, int Concept, string Path)>();
        for (var n = 0; n < count; n++)
        {
            foreach (var mask in dictionary.Local[first + n].Masks)
            {
                pairs.Add((n, _conceptIndex[mask.Concept], mask.MaskPath));
            }
        }

        return pairs;
    }

    /// <summary>R1.3: one mask file, grey, resized (nearest) and binarised into <paramref name="target"/> (S² bytes).</summary>
    private void Decode(string path, Span<byte> target)
    {
        using var image = decoder.DecodeRgb(Path.Combine(dictionary.Root, path), path);
        var rgb = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        var grey = new DecodedImage(image.Width, image.Height, rgb).Grey();
        InputPreprocessing.Mask(grey, image.Width, image.Height, tallySize, target);
    }
}

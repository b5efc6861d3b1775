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
    public IEnumerable<(int First, int Count, ConceptMaskBatch Masks)> LoadAhead(int first, int count, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Task<ConceptMaskBatch>? ahead = null;
        try
        {
            for (var start = first; start < first + count; start += batchSize)
            {
                var size = Math.Min(batchSize, first + count - start);
                var current = ahead is null ? Load(start, size) : ahead.GetAwaiter().GetResult();
                ahead = null;
                var next = start + size;
                if (next < first + count)
                {
                    ahead = Task.Run(() => Load(next, Math.Min(batchSize, first + count - next)));
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
                    ahead.Result.Masks.Dispose();
                }
            }
        }
    }

    /// <summary>The masks of local images [first, first + count); the caller owns the returned tensor.</summary>
    public ConceptMaskBatch Load(int first, int count)
    {
        var pairs = new List<(int Image, int Concept, string Path)>();
        for (var n = 0; n < count; n++)
        {
            foreach (var mask in dictionary.Local[first + n].Masks)
            {
                pairs.Add((n, _conceptIndex[mask.Concept], mask.MaskPath));
            }
        }

        // Each file is decoded and resized straight into its row of one buffer: one tensor a batch.
        var pixels = tallySize * tallySize;
        var rows = new byte[checked(pairs.Count * pixels)];
        OrderedParallel.For(pairs.Count, i =>
        {
            using var image = decoder.DecodeRgb(Path.Combine(dictionary.Root, pairs[i].Path), pairs[i].Path);
            var rgb = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(rgb);
            var grey = new DecodedImage(image.Width, image.Height, rgb).Grey();
            InputPreprocessing.Mask(grey, image.Width, image.Height, tallySize, rows.AsSpan(i * pixels, pixels));
        });

        var masks = tensor(rows, [pairs.Count, tallySize, tallySize], ScalarType.Byte);
        return new ConceptMaskBatch(
            masks,
            pairs.Select(p => p.Image).ToList(),
            pairs.Select(p => p.Concept).ToList());
    }
}

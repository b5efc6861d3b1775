using HndGate.Engine.Dictionary;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using static TorchSharp.torch;

namespace HndGate.Engine.Dissection;

/// <summary>
/// The masks of a range of local images at the tally resolution (R1.3), as the tally takes them: one
/// binary S × S row per (image, concept) pair. Files are decoded on all cores; tensors are made here.
/// </summary>
public sealed class ConceptMaskLoader(FaceDictionary dictionary, DissectionConcepts concepts, ImageFileDecoder decoder, int tallySize)
{
    private readonly Dictionary<string, int> _conceptIndex =
        concepts.Concepts.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);

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

        var grey = OrderedParallel.Map(pairs.Count, i =>
        {
            using var image = decoder.DecodeRgb(Path.Combine(dictionary.Root, pairs[i].Path), pairs[i].Path);
            var rgb = new byte[image.Width * image.Height * 3];
            image.CopyPixelDataTo(rgb);
            return (Pixels: new DecodedImage(image.Width, image.Height, rgb).Grey(), image.Width, image.Height);
        });

        using var scope = NewDisposeScope();
        var masks = pairs.Count == 0
            ? zeros(0, tallySize, tallySize, ScalarType.Byte)
            : stack(grey.Select(g => InputPreprocessing.Mask(g.Pixels, g.Width, g.Height, tallySize)));
        return new ConceptMaskBatch(
            masks.MoveToOuterDisposeScope(),
            pairs.Select(p => p.Image).ToList(),
            pairs.Select(p => p.Concept).ToList());
    }
}

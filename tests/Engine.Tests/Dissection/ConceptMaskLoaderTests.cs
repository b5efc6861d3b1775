using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;
using Xunit;

namespace HndGate.Engine.Tests.Dissection;

[Collection("Torch")]
public sealed class ConceptMaskLoaderTests
{
    [Fact]
    public void LoadBitmapsAhead_GivesTheBitsOfTheMasksThatLoadAheadGives()
    {
        using var directory = new TemporaryDirectory();
        var folder = directory.Combine("dictionary");
        DictionarySynthesizer.Synthesize(new DictionarySynthOptions { OutputFolder = folder, Size = 32, LocalImages = 7, GlobalImages = 0, Seed = 2 });
        var dictionary = DictionaryLoader.Load(folder, new DictionaryLoadOptions()).Dictionary;
        // S = 30: S² = 900 pixels is not a multiple of 64.
        var loader = new ConceptMaskLoader(dictionary, DissectionConcepts.FromDictionary(dictionary), new ImageFileDecoder(), 30);

        var bytes = loader.LoadAhead(1, 6, 4).ToList();
        var bitmaps = loader.LoadBitmapsAhead(1, 6, 4).ToList();

        Assert.Equal(bytes.Select(b => (b.First, b.Count)), bitmaps.Select(b => (b.First, b.Count)));
        for (var b = 0; b < bytes.Count; b++)
        {
            using var masks = bytes[b].Masks.Masks;
            using var unpacked = bitmaps[b].Masks.ToTensor();
            Assert.True(unpacked.eq(masks).all().item<bool>());
            Assert.Equal(bytes[b].Masks.Images, bitmaps[b].Masks.Images);
            Assert.Equal(bytes[b].Masks.Concepts, bitmaps[b].Masks.Concepts);
            Assert.Contains(Enumerable.Range(0, bitmaps[b].Masks.Count), row => bitmaps[b].Masks.Area(row) > 0);
        }
    }
}

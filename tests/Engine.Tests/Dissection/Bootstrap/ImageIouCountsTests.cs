using HndGate.Engine.Dictionary;
using HndGate.Engine.Dictionary.Synthesis;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Bootstrap;
using HndGate.Engine.Imaging;
using Xunit;
using static TorchSharp.torch;

namespace HndGate.Engine.Tests.Dissection.Bootstrap;

[Collection("Torch")]
public sealed class ImageIouCountsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Weighted_WithEveryWeightOne_EqualsTheTallysSums(bool onHost)
    {
        var dissection = new RandomDissectionCase(seed: 21, units: 5, height: 3, width: 4, tallySize: 12, images: 19, quantile: 0.1, ties: true);
        using var streamed = new StreamedCase(dissection, new DissectionParameters(), maxBatch: 6, onHost);

        var weighted = streamed.Counts.Weighted(Enumerable.Repeat(1, dissection.Local.Length).ToArray());

        Assert.Equal(streamed.Tally.Intersections, weighted.Intersections);
        Assert.Equal(streamed.Tally.Unions, weighted.Unions);
        Assert.Equal(streamed.Tally.Images, weighted.Images);
        Assert.Contains(weighted.Intersections, i => i > 0);
    }

    [Fact]
    public void Weighted_EqualsTheTallyOfTheImagesRepeated_OnTheHostAndWithTensors()
    {
        var dissection = new RandomDissectionCase(seed: 4, units: 4, height: 3, width: 3, tallySize: 9, images: 11, quantile: 0.2, ties: false);
        using var host = new StreamedCase(dissection, new DissectionParameters(), maxBatch: 4, onHost: true);
        using var tensors = new StreamedCase(dissection, new DissectionParameters(), maxBatch: 3, onHost: false);
        var weights = new[] { 0, 2, 1, 0, 3, 1, 0, 0, 2, 1, 1 };

        // R3 by hand: each image's own tally (a tally of that image alone), added up weights[n] times.
        var expected = new long[2, dissection.Units * RandomDissectionCase.Concepts.Count];
        for (var n = 0; n < weights.Length; n++)
        {
            var single = SingleImage(host, n);
            for (var i = 0; i < single.Intersections.Count; i++)
            {
                expected[0, i] += weights[n] * single.Intersections[i];
                expected[1, i] += weights[n] * single.Unions[i];
            }
        }

        foreach (var counts in new[] { host.Counts, tensors.Counts })
        {
            var weighted = counts.Weighted(weights);
            Assert.Equal(Enumerable.Range(0, expected.GetLength(1)).Select(i => expected[0, i]), weighted.Intersections);
            Assert.Equal(Enumerable.Range(0, expected.GetLength(1)).Select(i => expected[1, i]), weighted.Unions);
            Assert.Equal(weights.Sum(), weighted.Images);
        }
    }

    [Fact]
    public void Add_OfTheLoadersBitmapsOnTheHost_KeepsEachImagesCountsAsTheTensorPathKeepsThem()
    {
        using var directory = new TemporaryDirectory();
        var folder = directory.Combine("dictionary");
        DictionarySynthesizer.Synthesize(new DictionarySynthOptions { OutputFolder = folder, Size = 32, LocalImages = 7, GlobalImages = 0, Seed = 3 });
        var dictionary = DictionaryLoader.Load(folder, new DictionaryLoadOptions()).Dictionary;
        var concepts = DissectionConcepts.FromDictionary(dictionary);
        // S = 30: S² is not a multiple of 64; batches of 3, 3 and 1 images.
        var loader = new ConceptMaskLoader(dictionary, concepts, new ImageFileDecoder(), 30);
        using var scope = NewDisposeScope();
        // float16, as pass 2 reads the cache; unit 3 is silent everywhere and one map is NaN (inactive).
        var activations = rand(7, 6, 4, 5, generator: new TorchSharp.torch.Generator(11)).to(ScalarType.Float16);
        activations[2, 1, 1, 1] = tensor(float.NaN).to(ScalarType.Float16);
        var thresholds = tensor(new float[] { 0.6f, 0.3f, 0.8f, 5, 0.5f, 0.9f });
        var onHost = new ImageIouCounts(concepts, 6);
        var withTensors = new ImageIouCounts(concepts, 6);
        using var host = new IouTally(thresholds, concepts.Concepts.Count, 4, 5, 30, skipSilentMaps: true, onHost: true, onHost);
        using var tensors = new IouTally(thresholds, concepts.Concepts.Count, 4, 5, 30, skipSilentMaps: true, onHost: false, withTensors);

        foreach (var (first, count, masks) in loader.LoadBitmapsAhead(0, 7, 3))
        {
            host.Add(activations[first..(first + count)], masks);
        }

        foreach (var (first, count, masks) in loader.LoadAhead(0, 7, 3))
        {
            using (masks.Masks)
            {
                tensors.Add(activations[first..(first + count)], masks);
            }
        }

        Assert.True(host.OnHost);
        Assert.Equal(host.Counts().Intersections, onHost.Weighted(Enumerable.Repeat(1, 7).ToArray()).Intersections);
        for (var n = 0; n < 7; n++)
        {
            // Image n alone: its |B ∧ M|, and |B| + |M| − |B ∧ M|, for every unit and concept it carries.
            var alone = Enumerable.Range(0, 7).Select(i => i == n ? 1 : 0).ToArray();
            var expected = withTensors.Weighted(alone);
            var actual = onHost.Weighted(alone);
            Assert.Equal(expected.Intersections, actual.Intersections);
            Assert.Equal(expected.Unions, actual.Unions);
            Assert.Contains(actual.Intersections, i => i > 0);
            Assert.All(Enumerable.Range(0, concepts.Concepts.Count), c => Assert.Equal(0, actual.Intersections[(3 * concepts.Concepts.Count) + c]));
        }
    }

    [Fact]
    public void Weighted_RefusesToSum_BeforeEveryImageIsTallied()
    {
        var dissection = new RandomDissectionCase(seed: 2, units: 2, height: 2, width: 2, tallySize: 4, images: 3, quantile: 0.2, ties: false);

        var counts = new ImageIouCounts(dissection.Structure, dissection.Units);

        Assert.Throws<InvalidOperationException>(() => counts.Weighted([1, 1, 1]));
    }

    private static IouCounts SingleImage(StreamedCase streamed, int n)
    {
        var dissection = streamed.Case;
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var tally = new IouTally(streamed.Thresholds(), RandomDissectionCase.Concepts.Count, dissection.Height, dissection.Width, dissection.TallySize);
        tally.Add(RandomDissectionCase.Batch(dissection.Local, n, 1), dissection.MaskBatch(n, 1, TorchSharp.torch.ScalarType.Float32));
        return tally.Counts();
    }
}

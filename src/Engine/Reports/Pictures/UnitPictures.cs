using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;
using HndGate.Engine.Dissection.Sources;
using HndGate.Engine.Formats;
using HndGate.Engine.Imaging;
using HndGate.Engine.Models;
using HndGate.Engine.Results;
using HndGate.Engine.Schemas;
using TorchSharp;
using static TorchSharp.torch;

namespace HndGate.Engine.Reports.Pictures;

/// <summary>
/// The report's pictures (the paper's Fig. 11): for the units <see cref="UnitSelection"/> chooses, each of their
/// top images with B of R3 drawn over it (<see cref="ActivationOverlay"/>). Only the pictured images are run
/// through the model (R1, batched) or read from the activation files; their maps are taken at the results'
/// precision, upsampled to the tally resolution with R3's bilinear and thresholded strictly above the recorded
/// T_u. The picture is the R1-resized image at the tally resolution, so each pixel is a pixel of B. A read results
/// file keeps T_u to 6 significant digits (R9), which may move a pixel that lies that close to the threshold.
/// </summary>
public sealed class UnitPictures
{
    private readonly ImageFileDecoder _decoder;
    private readonly JsonSchemaValidator _validator;

    public UnitPictures(ImageFileDecoder decoder, JsonSchemaValidator validator)
    {
        _decoder = decoder;
        _validator = validator;
    }

    /// <summary>
    /// The pictures of every chosen unit of every pictured layer: layers in results order, units in
    /// <see cref="UnitSelection"/>'s order, images largest maximum first. The same inputs give the same bytes.
    /// </summary>
    public IReadOnlyList<UnitPicture> Make(UnitPictureOptions options)
    {
        options.Validate();
        var results = options.Results;
        var layers = PicturedLayers(options);
        if (options.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = DeviceSelection.Resolve(options.Device);
        var dictionary = CheckedDictionary(options);
        var requests = layers
            .Select(layer => UnitSelection.Choose(layer, options.UnitsPerLayer)
                .SelectMany(unit => unit.TopImages.Take(options.ImagesPerUnit).Select(image => new Request(unit, image)))
                .ToList())
            .ToList();

        // The pictured images, by their index in the dictionary's canonical order (the rows of activation files).
        var rows = dictionary.Local.Select((image, row) => (image.ImagePath, row)).ToDictionary(p => p.ImagePath, p => p.row, StringComparer.Ordinal);
        var rowOf = new Dictionary<int, int>();
        foreach (var request in requests.SelectMany(r => r))
        {
            var path = results.LocalImages[request.Image.LocalImage];
            rowOf[request.Image.LocalImage] = rows.TryGetValue(path, out var row)
                ? row
                : throw new HndGateInputException($"the results picture the image '{path}', which the dictionary does not list: pass the dictionary the results were made with", options.DictionaryPath);
        }

        var needed = rowOf.Values.Distinct().Order().ToList();
        var pngs = new Dictionary<(int Layer, int Unit, int Row), byte[]>();
        if (needed.Count > 0)
        {
            Draw(options, dictionary, layers, requests, rowOf, needed, device, pngs);
        }

        return layers
            .SelectMany((layer, l) => requests[l].Select(r => new UnitPicture(
                layer.Name,
                r.Unit.Unit,
                results.LocalImages[r.Image.LocalImage],
                r.Image.Maximum,
                pngs[(l, r.Unit.Unit, rowOf[r.Image.LocalImage])])))
            .ToList();
    }

    private void Draw(
        UnitPictureOptions options,
        FaceDictionary dictionary,
        IReadOnlyList<RecordedLayer> layers,
        IReadOnlyList<List<Request>> requests,
        IReadOnlyDictionary<int, int> rowOf,
        IReadOnlyList<int> needed,
        Device device,
        Dictionary<(int Layer, int Unit, int Row), byte[]> pngs)
    {
        var results = options.Results;
        var size = results.Settings.TallySize;
        var precision = new ActivationPrecision(Option(results, "precision") == "float16");
        var upsampling = layers.Select(l => new BilinearUpsampling(l.MapHeight, l.MapWidth, size, size, device)).ToList();
        try
        {
            var first = 0;
            foreach (var batch in Activations(options, dictionary, layers, needed, device))
            {
                try
                {
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    var count = (int)batch[0].shape[0];
                    var position = Enumerable.Range(0, count).ToDictionary(i => needed[first + i], i => i);
                    var images = position.Keys.ToDictionary(row => row, row => DisplayImage(dictionary, row, size));
                    for (var l = 0; l < layers.Count; l++)
                    {
                        var inBatch = requests[l].Where(r => position.ContainsKey(rowOf[r.Image.LocalImage])).ToList();
                        if (inBatch.Count == 0)
                        {
                            continue;
                        }

                        var maps = Maps(batch[l], layers[l], precision);
                        var units = layers[l].Units.Count;
                        var index = tensor(inBatch.Select(r => ((long)position[rowOf[r.Image.LocalImage]] * units) + r.Unit.Unit).ToArray(), device: device);
                        var thresholds = tensor(inBatch.Select(r => (float)r.Unit.Threshold).ToArray(), device: device);

                        // R3: B = the upsampled map strictly above T_u, at the tally resolution.
                        var active = upsampling[l].Active(maps.reshape(-1, layers[l].MapHeight, layers[l].MapWidth).index_select(0, index), thresholds)
                            .to(ScalarType.Byte)
                            .cpu()
                            .contiguous()
                            .data<byte>()
                            .ToArray();
                        for (var i = 0; i < inBatch.Count; i++)
                        {
                            var row = rowOf[inBatch[i].Image.LocalImage];
                            pngs[(l, inBatch[i].Unit.Unit, row)] = ActivationOverlay.Png(images[row], active.AsSpan(i * size * size, size * size), size, size);
                        }
                    }

                    first += count;
                }
                finally
                {
                    foreach (var t in batch)
                    {
                        t.Dispose();
                    }
                }
            }
        }
        finally
        {
            upsampling.ForEach(u => u.Dispose());
        }
    }

    /// <summary>A layer's maps at the results' precision, as float32, checked against the shape the results record.</summary>
    private static Tensor Maps(Tensor activations, RecordedLayer layer, ActivationPrecision precision)
    {
        var shape = MapShape.Of(activations, layer.Name);
        var recorded = new MapShape(layer.Units.Count, layer.MapHeight, layer.MapWidth);
        if (shape != recorded)
        {
            throw new HndGateInputException(
                $"the layer '{layer.Name}' gives maps of {shape} but the results record {recorded}: pass the model or activations the results were made from");
        }

        return precision.Apply(activations, layer.Name).to(ScalarType.Float32);
    }

    /// <summary>The local image of canonical index <paramref name="row"/>, resized as R1 resizes it, at size × size (row-major RGB).</summary>
    private byte[] DisplayImage(FaceDictionary dictionary, int row, int size)
    {
        var path = dictionary.Local[row].ImagePath;
        using var decoded = _decoder.DecodeRgb(Path.Combine(dictionary.Root, path), path);
        var rgb = new byte[decoded.Width * decoded.Height * 3];
        decoded.CopyPixelDataTo(rgb);
        using var scope = NewDisposeScope();
        return InputPreprocessing.Resized(rgb, decoded.Width, decoded.Height, size)
            .round()
            .clamp(0, 255)
            .to(ScalarType.Byte)
            .permute(1, 2, 0)
            .contiguous()
            .data<byte>()
            .ToArray();
    }

    /// <summary>
    /// The activations of the <paramref name="needed"/> local images (canonical indices, ascending), in that order
    /// and in batches the caller disposes: the model run on just those images, or just those rows of the activation file.
    /// </summary>
    private IEnumerable<IReadOnlyList<Tensor>> Activations(UnitPictureOptions options, FaceDictionary dictionary, IReadOnlyList<RecordedLayer> layers, IReadOnlyList<int> needed, Device device)
    {
        if (options.ModelCard is { } cardPath)
        {
            var card = ModelCardReader.Read(cardPath, _validator);
            var inputSize = options.Results.Settings.InputSize;
            if (card.Input.Size != inputSize)
            {
                throw new HndGateInputException(
                    $"the model takes {card.Input.Size}×{card.Input.Size} images but the results were made at {inputSize}×{inputSize}: pass the model card the results were made with",
                    cardPath);
            }

            var pictured = dictionary with { Local = needed.Select(row => dictionary.Local[row]).ToList(), Global = [] };
            var capture = ModelLoader.Capture(card, layers.Select(l => l.Name).ToList(), device, deviceRequested: options.Device != "auto");
            using var source = new ModelActivationSource(capture, card.Input, pictured, _decoder, options.BatchSize, device);
            foreach (var batch in source.Local(0, needed.Count))
            {
                yield return batch;
            }

            yield break;
        }

        using var reader = NpyReader.Open(Path.Combine(options.ActivationsDirectory!, NpyActivationSource.LocalFile));
        if (reader.Header.Shape.Count != 4 || reader.Header.Shape[0] != dictionary.Local.Count)
        {
            throw new HndGateInputException(
                $"the array has shape ({string.Join(", ", reader.Header.Shape)}) but the dictionary has {dictionary.Local.Count} local images: activations are N × U × h × w, one row per local image in canonical order",
                reader.File);
        }

        for (var first = 0; first < needed.Count; first += options.BatchSize)
        {
            Tensor batch;
            using (var scope = NewDisposeScope())
            {
                var rows = needed.Skip(first).Take(options.BatchSize).Select(row => reader.ReadRows(row, 1)).ToList();
                batch = cat(rows, 0).to(device).MoveToOuterDisposeScope();
            }

            yield return [batch];
        }
    }

    /// <summary>The layers to picture, checked against the results.</summary>
    private static IReadOnlyList<RecordedLayer> PicturedLayers(UnitPictureOptions options)
    {
        var recorded = options.Results.Layers;
        var held = string.Join(", ", recorded.Select(l => l.Name));
        RecordedLayer Find(string name) => recorded.FirstOrDefault(l => l.Name == name)
            ?? throw new HndGateInputException($"the results hold no layer '{name}': they hold {held}");

        if (options.ActivationsDirectory is null)
        {
            return options.Layers.Count == 0 ? recorded : options.Layers.Select(Find).ToList();
        }

        var name = options.ActivationsLayerName
            ?? (recorded.Count == 1 ? recorded[0].Name : throw new HndGateInputException(
                $"the results hold the layers {held}: name the one the activation files hold"));
        if (options.Layers.Count > 0 && !options.Layers.SequenceEqual([name]))
        {
            throw new HndGateInputException($"activation files hold one layer, '{name}': picture that layer alone");
        }

        return [Find(name)];
    }

    /// <summary>The dictionary, read as the dissection read it, refused unless its content hash is the results'.</summary>
    private FaceDictionary CheckedDictionary(UnitPictureOptions options)
    {
        var (dictionary, hash) = DissectionInputs.LoadDictionary(options.DictionaryPath, Option(options.Results, "lenient") == "true", _decoder);
        var recorded = options.Results.Fingerprint.DictionaryHash;
        if (hash != recorded)
        {
            throw new HndGateInputException(
                $"the dictionary's content hash is {hash} but the results were made with a dictionary of hash {recorded}: pass the dictionary the results were made with",
                options.DictionaryPath);
        }

        return dictionary;
    }

    private static string? Option(RecordedResults results, string name) =>
        results.Fingerprint.Options.FirstOrDefault(o => o.Key == name).Value;

    private sealed record Request(UnitRecord Unit, TopImage Image);
}

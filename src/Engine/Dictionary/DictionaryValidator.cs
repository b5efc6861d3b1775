using HndGate.Engine.Dissection;
using HndGate.Engine.Imaging;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// The deep check of a loaded dictionary: every image and mask decodes whole within the size limits and
/// every mask has its image's size; then the content hash is compared with the manifest's. Files are
/// decoded in parallel, problems reported in canonical order, so the outcome does not depend on timing.
/// </summary>
public sealed class DictionaryValidator(ImageFileDecoder decoder)
{
    /// <summary>Checks <paramref name="loaded"/>; <paramref name="cancel"/> stops the decoding.</summary>
    public DictionaryValidationReport Validate(DictionaryLoadResult loaded, DictionaryLoadOptions options, IProgress<DissectionProgress>? progress = null, CancellationToken cancel = default)
    {
        var dictionary = loaded.Dictionary;
        var decoded = DecodeAll(dictionary, progress, cancel);
        var problems = new ImageProblems(options);

        var local = dictionary.Local.Where(entry => LocalEntryIsSound(entry, decoded, problems)).ToList();
        var global = dictionary.Global.Select(family => family with
        {
            Subgroups = family.Subgroups.Select(subgroup => SoundSubgroup(family, subgroup, decoded, problems)).ToList(),
        }).ToList();
        var checkedDictionary = dictionary with { Local = local, Global = global };

        var warnings = loaded.Warnings.Concat(problems.Warnings).ToList();
        var hash = DictionaryContentHash.Compute(checkedDictionary);
        var hashChecked = false;
        if (loaded.DeclaredHash is { } declared)
        {
            if (warnings.Count > 0)
            {
                warnings.Add(new DictionaryWarning(declared.Location, $"content hash not checked: {warnings.Count} images were dropped"));
            }
            else if (declared.Value != hash)
            {
                throw declared.Location.Error(
                    $"the dictionary changed since its manifest was written: the files hash to {hash}, the manifest says {declared.Value}; " +
                    "restore the files, or write the manifest again if the change is meant");
            }
            else
            {
                hashChecked = true;
            }
        }

        return new DictionaryValidationReport(checkedDictionary, DictionaryStatistics.Compute(checkedDictionary), decoded.Count, hash, hashChecked, warnings);
    }

    private Dictionary<string, Decoded> DecodeAll(FaceDictionary dictionary, IProgress<DissectionProgress>? progress, CancellationToken cancel)
    {
        var files = dictionary.Local
            .SelectMany(entry => entry.Masks.Select(m => m.MaskPath).Prepend(entry.ImagePath))
            .Concat(dictionary.Global.SelectMany(f => f.Subgroups).SelectMany(s => s.Images))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var results = new Decoded[files.Count];
        var counter = new StageCounter("decoding images and masks", files.Count, progress);
        counter.Start();
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancel }, i =>
        {
            results[i] = Decode(Path.Join(dictionary.Root, files[i]), files[i]);
            counter.Step();
        });
        return files.Zip(results).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private Decoded Decode(string path, string relative)
    {
        try
        {
            using var image = decoder.DecodeRgb(path, relative);
            return new Decoded(image.Width, image.Height, null);
        }
        catch (HndGateInputException e)
        {
            return new Decoded(0, 0, e.Problem);
        }
    }

    private static bool LocalEntryIsSound(LocalImage entry, Dictionary<string, Decoded> decoded, ImageProblems problems)
    {
        var dropped = $"image {entry.ImagePath}";
        var image = decoded[entry.ImagePath];
        if (image.Problem is { } imageProblem)
        {
            problems.Report(new InputLocation(entry.ImagePath), imageProblem, dropped);
            return false;
        }

        foreach (var mask in entry.Masks)
        {
            var maskDecoded = decoded[mask.MaskPath];
            if (maskDecoded.Problem is { } maskProblem)
            {
                problems.Report(new InputLocation(mask.MaskPath), maskProblem, dropped);
                return false;
            }

            if (maskDecoded.Width != image.Width || maskDecoded.Height != image.Height)
            {
                problems.Report(
                    new InputLocation(mask.MaskPath),
                    $"the mask is {maskDecoded.Width}×{maskDecoded.Height} pixels but its image {entry.ImagePath} is {image.Width}×{image.Height}",
                    dropped);
                return false;
            }
        }

        return true;
    }

    private static Subgroup SoundSubgroup(GlobalFamily family, Subgroup subgroup, Dictionary<string, Decoded> decoded, ImageProblems problems)
    {
        var images = new List<string>();
        (string Image, string Problem)? last = null;
        foreach (var image in subgroup.Images)
        {
            if (decoded[image].Problem is { } problem)
            {
                problems.Report(new InputLocation(image), problem, $"image {image}");
                last = (image, problem);
            }
            else
            {
                images.Add(image);
            }
        }

        if (images.Count == 0 && last is { } why)
        {
            // The warnings are not printed when the run fails: say why, not only that.
            throw new HndGateInputException($"empty subgroup: every image of {family.Name}/{subgroup.Name} was dropped, this one because {why.Problem}", why.Image);
        }

        return subgroup with { Images = images };
    }

    private sealed record Decoded(int Width, int Height, string? Problem);
}

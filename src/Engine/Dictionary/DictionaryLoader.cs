using HndGate.Engine.Schemas;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// Reads a dictionary folder in either format: <c>hnd-dictionary.json</c> makes it Format B, else the
/// published CSV files make it Format A. Checks the listing and that every file exists; decoding every
/// image is <see cref="DictionaryValidator"/>'s work.
/// </summary>
public static class DictionaryLoader
{
    public static DictionaryLoadResult Load(string directory, DictionaryLoadOptions options)
    {
        var root = DictionaryRoot.Open(directory);
        var problems = new ImageProblems(options);
        if (File.Exists(Path.Join(root.FullPath, DictionaryManifest.FileName)))
        {
            var (dictionary, hash) = DictionaryManifestReader.Read(root, new JsonSchemaValidator(), problems);
            return new DictionaryLoadResult(dictionary, problems.Warnings, hash);
        }

        if (PublishedLayoutReader.IsPresent(root))
        {
            return new DictionaryLoadResult(PublishedLayoutReader.Read(root, problems), problems.Warnings, null);
        }

        throw new HndGateInputException(
            $"not a Face Dictionary: the folder holds neither {DictionaryManifest.FileName} (Format B) nor the published layout's " +
            "Action_Units.csv, Attributes.csv and Parts.csv (Format A); see face-dictionary.md",
            directory);
    }
}

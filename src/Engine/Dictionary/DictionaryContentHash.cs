using System.Security.Cryptography;
using System.Text;

namespace HndGate.Engine.Dictionary;

/// <summary>
/// The dictionary's fingerprint: sha256 over its canonical listing (concepts, local entries, global
/// families in canonical order) and the bytes of every file it names. Results record it so that two
/// results are only compared when they were made with the same probe set.
/// </summary>
public static class DictionaryContentHash
{
    public const string Prefix = "sha256:";

    public static string Compute(FaceDictionary dictionary)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Line(string text) => sha.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        void File(string relativePath)
        {
            Line("file " + relativePath);
            var full = Path.Combine(dictionary.Root, relativePath);
            sha.AppendData(SHA256.HashData(System.IO.File.ReadAllBytes(full)));
        }

        Line("hnd-dictionary v1");
        foreach (var c in dictionary.Concepts)
        {
            Line($"concept {c.Name} {c.Type.ToName()} {c.Region}");
        }

        foreach (var image in dictionary.Local)
        {
            File(image.ImagePath);
            foreach (var mask in image.Masks)
            {
                Line("mask " + mask.Concept);
                File(mask.MaskPath);
            }
        }

        foreach (var family in dictionary.Global)
        {
            Line(FormattableString.Invariant($"family {family.Name} {family.EffectiveThreshold:R}"));
            foreach (var subgroup in family.Subgroups)
            {
                Line("subgroup " + subgroup.Name);
                foreach (var image in subgroup.Images)
                {
                    File(image);
                }
            }
        }

        return Prefix + Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

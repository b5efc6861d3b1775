using HndGate.Engine.Dictionary;
using HndGate.Engine.Dissection;

namespace HndGate.Engine.Tests.Dissection;

/// <summary>Small concept structures for the hand-computed stage tests.</summary>
internal static class StageFixtures
{
    /// <summary>
    /// eye: A (0), B (1), C (2, no image); mouth: D (3). Local images: {A}, {A, B}, {B}, {D}, {}.
    /// </summary>
    public static DissectionConcepts EyeAndMouth(IReadOnlyList<GlobalFamilyLayout>? families = null) => new(
        [
            new Concept("A", ConceptType.ActionUnit, "eye"),
            new Concept("B", ConceptType.Part, "eye"),
            new Concept("C", ConceptType.Attribute, "eye"),
            new Concept("D", ConceptType.Attribute, "mouth"),
        ],
        [[0], [0, 1], [1], [3], []],
        families ?? []);

    /// <summary>Counts whose IoU[u,c] is the given fraction intersection/union, row by row.</summary>
    public static IouCounts Counts(params (long Intersection, long Union)[][] rows)
    {
        var concepts = rows[0].Length;
        return new IouCounts(
            rows.Length,
            concepts,
            5,
            rows.SelectMany(r => r.Select(x => x.Intersection)).ToArray(),
            rows.SelectMany(r => r.Select(x => x.Union)).ToArray());
    }
}

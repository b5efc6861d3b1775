namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// The concept→landmark mapping of the dictionary build configuration (face-dictionary.md, docs/concept-map.md):
/// which 68-point iBUG landmarks draw each local concept's mask, at which confidence level.
/// </summary>
/// <param name="Name">e.g. "standard".</param>
/// <param name="Version">Bumped whenever a landmark list changes; dictionaries record <see cref="Label"/>.</param>
/// <param name="LandmarkModel">"ibug68", the only scheme read.</param>
/// <param name="Confidence">Confidence level p of every ellipse, in (0, 1).</param>
/// <param name="MinSemiAxis">Floor of each semi-axis in pixels (<see cref="ConfidenceEllipse.Fit"/>).</param>
/// <param name="Concepts">The concepts in canonical concept order.</param>
public sealed record ConceptMap(
    string Name,
    int Version,
    string LandmarkModel,
    double Confidence,
    double MinSemiAxis,
    IReadOnlyList<ConceptLandmarks> Concepts)
{
    /// <summary>Landmarks per face in the iBUG 300-W scheme.</summary>
    public const int LandmarkCount = 68;

    /// <summary>"name@version", as recorded in a dictionary's source.</summary>
    public string Label => FormattableString.Invariant($"{Name}@{Version}");

    /// <summary>The entry of the concept called <paramref name="name"/>, or null.</summary>
    public ConceptLandmarks? Find(string name) => Concepts.FirstOrDefault(c => c.Concept.Name == name);

    /// <summary>
    /// The mask of <paramref name="entry"/> on a <paramref name="width"/> × <paramref name="height"/> image with
    /// the given 68 landmarks: the union of one confidence ellipse per landmark group. Both
    /// <c>dictionary build</c> and <c>dictionary synth</c> draw their masks here.
    /// </summary>
    public BinaryMask DrawMask(ConceptLandmarks entry, IReadOnlyList<Landmark> face, int width, int height)
    {
        if (face.Count != LandmarkCount)
        {
            throw new ArgumentException($"a face needs {LandmarkCount} landmarks, not {face.Count}", nameof(face));
        }

        var mask = new BinaryMask(width, height);
        foreach (var group in entry.Groups)
        {
            mask.Add(ConfidenceEllipse.Fit(group.Select(i => face[i]).ToList(), Confidence, MinSemiAxis));
        }

        return mask;
    }
}

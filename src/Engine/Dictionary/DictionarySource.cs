namespace HndGate.Engine.Dictionary;

/// <summary>How a dictionary was made: by hand, by <c>dictionary build</c> or by <c>dictionary synth</c>.</summary>
/// <param name="Generator">e.g. "hnd-gate dictionary synth 0.1.0".</param>
/// <param name="Seed">The seed of a synthetic dictionary.</param>
/// <param name="LandmarkModel">The landmark scheme the masks were drawn from, e.g. "ibug68".</param>
/// <param name="ConceptMap">Name and version of the concept→landmark mapping used for the masks.</param>
public sealed record DictionarySource(string Generator, long? Seed = null, string? LandmarkModel = null, string? ConceptMap = null);

namespace HndGate.Engine.Dictionary;

/// <summary>One bar of the images-per-concept histogram (the paper's Fig. 3): its length in characters.</summary>
public sealed record HistogramBar(string Concept, int Images, int Length);

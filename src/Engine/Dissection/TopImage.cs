namespace HndGate.Engine.Dissection;

/// <summary>A local image that activates a unit strongly: its canonical index and the unit's maximum on it.</summary>
public sealed record TopImage(int LocalImage, double Maximum);

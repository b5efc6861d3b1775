namespace HndGate.Engine.Dissection;

/// <summary>How far a dissection is: a stage (e.g. "local pass 1"), images done and in all.</summary>
public sealed record DissectionProgress(string Stage, long Done, long Total);

namespace HndGate.Engine.Dictionary.Synthesis;

/// <summary>A point of the face model: x right, y down, z towards the viewer; units of the face width.</summary>
internal readonly record struct Point3(double X, double Y, double Z);

namespace HndGate.Engine.Dictionary.Building;

/// <summary>
/// A facial landmark in pixel coordinates: x to the right, y down, (0, 0) the centre of the top-left pixel
/// (the dlib / OpenCV convention; iBUG 300-W files count from 1 and need 1 subtracted).
/// </summary>
public readonly record struct Landmark(double X, double Y);

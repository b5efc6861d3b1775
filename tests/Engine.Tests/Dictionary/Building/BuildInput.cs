using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HndGate.Engine.Tests.Dictionary.Building;

/// <summary>
/// A small build input in a temporary folder: three 32 px images, their landmarks and labels. The left eye
/// (iBUG 36–41) of image k is a regular hexagon of radius 2 around <see cref="LeftEyeCentre"/>(k).
/// </summary>
internal sealed class BuildInput : IDisposable
{
    public const int Size = 32;

    private readonly TemporaryDirectory temporary = new();

    public BuildInput()
    {
        Directory.CreateDirectory(Images);
        for (var k = 0; k < 3; k++)
        {
            using var image = new Image<Rgb24>(Size, Size, new Rgb24((byte)(60 * k), 128, 200));
            image.SaveAsPng(Path.Combine(Images, $"face{k}.png"));
        }

        var landmarks = new StringBuilder("image");
        for (var i = 0; i < 68; i++)
        {
            landmarks.Append(CultureInfo.InvariantCulture, $",x{i},y{i}");
        }

        landmarks.Append('\n');
        for (var k = 0; k < 3; k++)
        {
            landmarks.Append(LandmarkRow($"face{k}.png", k)).Append('\n');
        }

        File.WriteAllText(LandmarksFile, landmarks.ToString());
        File.WriteAllText(LabelsFile, "image,labels\nface0.png,Smiling;AU_12\nface1.png,\nface2.png,Eyeglasses\n");
    }

    public string Folder => temporary.Path;

    public string Images => Path.Combine(Folder, "images");

    public string LandmarksFile => Path.Combine(Folder, "landmarks.csv");

    public string LabelsFile => Path.Combine(Folder, "labels.csv");

    public string Output => Path.Combine(Folder, "out");

    public static (double X, double Y) LeftEyeCentre(int k) => (8 + (4 * k), 12);

    /// <summary>The 68 points of image k: a grid, with the left eye replaced by the hexagon.</summary>
    public static (double X, double Y)[] Points(int k)
    {
        var points = Enumerable.Range(0, 68).Select(i => (X: 2.0 + ((i % 14) * 2), Y: 2.0 + ((i / 14) * 6))).ToArray();
        var (cx, cy) = LeftEyeCentre(k);
        for (var j = 0; j < 6; j++)
        {
            var angle = Math.PI / 3 * j;
            points[36 + j] = (cx + (2 * Math.Cos(angle)), cy + (2 * Math.Sin(angle)));
        }

        return points;
    }

    public static string LandmarkRow(string image, int k) =>
        image + string.Concat(Points(k).Select(p => string.Create(CultureInfo.InvariantCulture, $",{p.X:R},{p.Y:R}")));

    public Engine.Dictionary.Building.DictionaryBuildOptions Options() => new()
    {
        ImagesFolder = Images,
        LandmarksFile = LandmarksFile,
        LabelsFile = LabelsFile,
        OutputFolder = Output,
    };

    public void Dispose() => temporary.Dispose();
}

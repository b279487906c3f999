namespace Provisio.Directory.Loading;

/// <summary>
/// How far a bulk load is: <paramref name="Done"/> of <paramref name="Total"/> in the phase's unit (objects when
/// generating; bytes of the file when importing, one pass for objects and one for references).
/// </summary>
public readonly record struct DirectoryLoadProgress(string Phase, long Done, long Total);

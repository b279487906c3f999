namespace Provisio.Expressions.Evaluation;

/// <summary>
/// Attributes held in a dictionary. Names are case-insensitive, as Entra's built-in attributes are; a null
/// value is the same as an absent attribute (A.2).
/// </summary>
public sealed class AttributeBag : IExpressionAttributes
{
    private readonly Dictionary<string, ExpressionValue> _values;

    public AttributeBag() => _values = new Dictionary<string, ExpressionValue>(StringComparer.OrdinalIgnoreCase);

    public AttributeBag(IEnumerable<KeyValuePair<string, string?>> values) : this()
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (name, value) in values)
        {
            Set(name, value);
        }
    }

    public static AttributeBag Empty { get; } = new();

    public int Count => _values.Count;

    public IEnumerable<string> Names => _values.Keys;

    public AttributeBag Set(string name, ExpressionValue value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (value.IsNull)
        {
            _values.Remove(name);
        }
        else
        {
            _values[name] = value;
        }

        return this;
    }

    public AttributeBag Set(string name, string? value) => Set(name, ExpressionValue.From(value));

    public AttributeBag Set(string name, IReadOnlyList<string>? values) => Set(name, ExpressionValue.From(values));

    public bool TryGetValue(string name, out ExpressionValue value) => _values.TryGetValue(name, out value);
}

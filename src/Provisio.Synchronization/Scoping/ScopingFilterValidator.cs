using Provisio.Synchronization.Schema;

namespace Provisio.Synchronization.Scoping;

/// <summary>
/// Checks a scoping filter when a schema is saved, so a bad rule is refused with its group and clause named instead of
/// quietly failing every object. Checks every group set (<c>groups</c>, <c>inputFilterGroups</c>,
/// <c>categoryFilterGroups</c>) and reports each invalid clause once, with the first rule it breaks.
/// </summary>
public static class ScopingFilterValidator
{
    /// <summary>
    /// The errors of <paramref name="filter"/>; empty when it is valid. With <paramref name="sourceObject"/>, each clause's
    /// attribute must also be one of that object's and one Entra can filter on.
    /// </summary>
    public static IReadOnlyList<ScopingFilterError> Validate(Filter? filter, ObjectDefinition? sourceObject = null)
    {
        if (filter is null)
        {
            return [];
        }

        var errors = new List<ScopingFilterError>();
        Validate(filter.Groups, ScopingFilterCollections.Groups, sourceObject, errors);
        Validate(filter.InputFilterGroups, ScopingFilterCollections.InputFilterGroups, sourceObject, errors);
        Validate(filter.CategoryFilterGroups, ScopingFilterCollections.CategoryFilterGroups, sourceObject, errors);
        return errors;
    }

    private static void Validate(IReadOnlyList<FilterGroup>? groups, string collection, ObjectDefinition? sourceObject,
        List<ScopingFilterError> errors)
    {
        var compiled = ScopingFilterEvaluator.Compile(groups, collection);
        errors.AddRange(compiled.Problems);
        if (sourceObject is null)
        {
            return;
        }

        foreach (var clause in compiled.Clauses.Where(clause => clause.Problem is null))
        {
            if (CheckAttribute(clause.Clause, sourceObject) is { } problem)
            {
                errors.Add(new()
                {
                    Code = problem.Code,
                    Message = $"{ScopingFilterCollections.Describe(collection)} '{clause.GroupName}', clause {clause.ClauseIndex + 1} ({clause.Body}): {problem.Message}",
                    Collection = collection,
                    GroupName = clause.GroupName,
                    GroupIndex = clause.GroupIndex,
                    ClauseIndex = clause.ClauseIndex,
                });
            }
        }
    }

    private static (string Code, string Message)? CheckAttribute(FilterClause clause, ObjectDefinition sourceObject)
    {
        // G-filterClause: "The source operand name must match one of the attribute names on the source object."
        var attribute = sourceObject.Attributes.FirstOrDefault(candidate =>
            string.Equals(candidate.Name, clause.SourceOperandName, StringComparison.OrdinalIgnoreCase));
        if (attribute is null)
        {
            return (ScopingFilterErrorCodes.UnknownAttribute, $"'{clause.SourceOperandName}' is not an attribute of {sourceObject.Name}.");
        }

        // reference: entra-engine-and-api §4.2: no filtering on multi-valued attributes (S4, S9: "Multivalue directory
        // extensions can't be used in … scoping filters"); date-type attributes unsupported (S9); manager and group
        // members, the reference attributes S4 and S9 name, unsupported, so any Reference attribute [inference].
        return attribute switch
        {
            { Multivalued: true } => (ScopingFilterErrorCodes.UnsupportedAttribute,
                $"'{attribute.Name}' is multi-valued, and scoping filters don't support multi-valued attributes."),
            { Type: AttributeType.DateTime } => (ScopingFilterErrorCodes.UnsupportedAttribute,
                $"'{attribute.Name}' is a DateTime attribute, and scoping filters don't support date attributes."),
            { Type: AttributeType.Reference } => (ScopingFilterErrorCodes.UnsupportedAttribute,
                $"'{attribute.Name}' is a Reference attribute, and scoping filters don't support reference attributes."),
            _ => null,
        };
    }
}

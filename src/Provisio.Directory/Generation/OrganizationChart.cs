namespace Provisio.Directory.Generation;

/// <summary>
/// Where generated user <c>i</c> sits: user 0 is the chief executive; the others are dealt round the departments
/// (user <c>i</c> is number <c>k = (i - 1) / D</c> of department <c>(i - 1) mod D</c>), and inside a department the
/// people form a tree with <see cref="Span"/> reports per manager, in breadth-first order. So every manager is a
/// user with a smaller index: a streaming writer has always written the manager before, or in the same batch as, the report.
/// </summary>
internal sealed class OrganizationChart(long users, int departments)
{
    /// <summary>Direct reports per manager.</summary>
    public const int Span = 8;

    public long Users => users;

    public int Departments => departments;

    /// <summary>The department of user <paramref name="user"/> (≥ 1).</summary>
    public int DepartmentOf(long user) => (int)((user - 1) % departments);

    /// <summary>The user's position in its department: 0 for its head.</summary>
    public long PositionOf(long user) => (user - 1) / departments;

    /// <summary>The index of the manager of user <paramref name="user"/> (≥ 1); always smaller than <paramref name="user"/>.</summary>
    public long ManagerOf(long user)
    {
        var position = PositionOf(user);
        return position == 0 ? 0 : UserAt(DepartmentOf(user), (position - 1) / Span);
    }

    /// <summary>How many managers are between the department's head (level 0) and the user.</summary>
    public static int LevelOf(long position)
    {
        var level = 0;
        while (position > 0)
        {
            position = (position - 1) / Span;
            level++;
        }

        return level;
    }

    /// <summary>Whether someone reports to the person at <paramref name="position"/> of department <paramref name="department"/>.</summary>
    public bool HasReports(int department, long position) => position * Span + 1 < UsersIn(department);

    public long UsersIn(int department) => users <= 1 + department ? 0 : (users - 1 - department + departments - 1) / departments;

    public long UserAt(int department, long position) => 1 + department + (departments * position);
}

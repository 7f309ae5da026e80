import Foundation

/// The document properties Excel shows under File › Info, and the creation date.
///
/// The creation date is required: libxlsxwriter otherwise stamps the current time into
/// `docProps/core.xml`, and the same input would no longer give the same bytes. Pass the
/// run's date (e.g. the report date), not `Date()`.
public struct DocumentProperties: Hashable, Sendable {
    /// Creation (and modification) time written to `docProps/core.xml`, to the second.
    public var created: Date
    /// Title.
    public var title: String?
    /// Subject.
    public var subject: String?
    /// Author.
    public var author: String?
    /// Manager.
    public var manager: String?
    /// Company, e.g. the issuing body.
    public var company: String?
    /// Category.
    public var category: String?
    /// Keywords.
    public var keywords: String?
    /// Comments.
    public var comments: String?
    /// Status.
    public var status: String?

    /// Creates document properties.
    ///
    /// - Parameters:
    ///   - created: The creation date; must be after 1970-01-01T00:00:00Z.
    ///   - title: Title.
    ///   - subject: Subject.
    ///   - author: Author.
    ///   - manager: Manager.
    ///   - company: Company.
    ///   - category: Category.
    ///   - keywords: Keywords.
    ///   - comments: Comments.
    ///   - status: Status.
    public init(
        created: Date,
        title: String? = nil,
        subject: String? = nil,
        author: String? = nil,
        manager: String? = nil,
        company: String? = nil,
        category: String? = nil,
        keywords: String? = nil,
        comments: String? = nil,
        status: String? = nil
    ) {
        self.created = created
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
        self.status = status
    }
}

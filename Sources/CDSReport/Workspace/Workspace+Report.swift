import Foundation

extension Workspace {
    /// The configuration a report needs: the catalogue, the form settings with this workspace's
    /// wording, and the reporting calendar with its overrides.
    func configuration() throws(WorkspaceError) -> (Catalogue, FormSettings, ReportingCalendar) {
        do {
            let catalogue = try indicators.loadCatalogue()
            let forms = settings.forms(try indicators.loadForms())
            let calendar = try settings.calendar(try ReportingCalendar.load(from: indicators.url.appendingPathComponent("calendar.yaml")))
            return (catalogue, forms, calendar)
        } catch {
            throw WorkspaceError(error.description)
        }
    }

    /// What `report` writes, from the period's current rows and registry: the same products as
    /// `run` on those rows, with each unit's timeliness.
    public func products(period: Period, managingUnit: String?, targetsFile: URL?, reportDate: Date) throws(WorkspaceError) -> RunProducts {
        let (catalogue, forms, calendar) = try configuration()
        let version = try registryVersion(on: period.referenceDay)
        let registry = version.registry
        if let code = managingUnit {
            guard let unit = registry.unit(code: code), unit.kind.isManaging else {
                throw WorkspaceError("--managing-unit \(code): không phải mã của Sở, một Phòng GDĐT hay một UBND xã/phường trong danh mục của kỳ \(period)", usage: true)
            }
        }
        let targets = try targets(for: period.schoolYear, file: targetsFile, catalogue: catalogue)
        let (inputs, firstReceived) = try currentInputs(period: period, catalogue: catalogue)
        guard !inputs.isEmpty else { throw WorkspaceError("Chưa có báo cáo nào cho kỳ \(period) trong không gian làm việc.") }
        var products = RunPipeline.products(inputs: inputs, catalogue: catalogue, registry: registry, targets: targets,
                                            forms: forms.resolved(for: registry), period: period, managingUnit: managingUnit,
                                            reportDate: reportDate)
        products.registryNotes = version.notes
        products.timeliness = Timeliness(results: products.results, registry: registry, period: period, calendar: calendar,
                                         firstReceived: firstReceived)
        return products
    }

    /// `status`: submission status per managing unit and the units late or missing, as lines.
    public func statusLines(period: Period) throws(WorkspaceError) -> [String] {
        let (_, _, calendar) = try configuration()
        let registry = try registry(for: period)
        let catalogue: Catalogue
        do { catalogue = try indicators.loadCatalogue() } catch { throw WorkspaceError(error.description) }
        let (_, firstReceived) = try currentInputs(period: period, catalogue: catalogue)
        let units = registry.units.indices.filter { registry.units[$0].kind.isReporting }
        var lines: [String] = []
        let deadlineText = [ReportingCalendar.Step.schoolToManaging, .managingToSo].compactMap { step in
            calendar.deadline(step, for: period).map { "\(step == .schoolToManaging ? "trường → đơn vị quản lý" : "đơn vị quản lý → Sở"): \($0.display)" }
        }.joined(separator: "; ")
        lines.append("Kỳ \(period) (\(period.vietnameseTitle)) — hạn nộp: \(deadlineText)")
        lines.append(Self.columns(["Đơn vị quản lý", "Phải nộp", "Đã nộp", "Đúng hạn", "Muộn", "Tỷ lệ nộp", "Đúng hạn %"]))
        var groups: [String: [Int]] = [:]
        for index in units { groups[registry.units[index].parentCode, default: []].append(index) }
        var late: [String] = []
        var missing: [String] = []
        var totals = (expected: 0, submitted: 0, onTime: 0)
        for code in groups.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var expected = 0, submitted = 0, onTime = 0
            let name = code == registry.so.code ? "Trực thuộc Sở" : ReportScope.shortName(registry.unit(code: code)?.name ?? code)
            for index in groups[code]!.sorted(by: { registry.units[$0].code < registry.units[$1].code }) {
                let unit = registry.units[index]
                let entry = Timeliness.Entry(deadline: calendar.deadline(forUnitManagedBySo: code == registry.so.code, period: period),
                                             received: firstReceived[unit.code])
                expected += 1
                if entry.submitted { submitted += 1 }
                if entry.onTime { onTime += 1 }
                if let days = entry.daysLate, days > 0 { late.append("  \(unit.code) \(unit.name) (\(name)): nộp \(entry.received!.display), muộn \(days) ngày") }
                if !entry.submitted { missing.append("  \(unit.code) \(unit.name) (\(name))") }
            }
            totals.expected += expected
            totals.submitted += submitted
            totals.onTime += onTime
            lines.append(Self.statusLine(name, expected, submitted, onTime))
        }
        lines.append(Self.statusLine("Toàn tỉnh", totals.expected, totals.submitted, totals.onTime))
        lines.append("Nộp muộn (\(late.count)):")
        lines += late
        lines.append("Chưa nộp (\(missing.count)):")
        lines += missing
        return lines
    }

    private static func statusLine(_ name: String, _ expected: Int, _ submitted: Int, _ onTime: Int) -> String {
        func rate(_ part: Int) -> String { expected > 0 ? NumberFormatting.percent(Double(part) / Double(expected), decimals: 1) : "" }
        return columns([name, String(expected), String(submitted), String(onTime), String(submitted - onTime), rate(submitted), rate(onTime)])
    }

    /// One line of the status table: the name left-aligned in 40 characters, the figures right-aligned.
    private static func columns(_ cells: [String]) -> String {
        func pad(_ text: String, _ width: Int, left: Bool) -> String {
            let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
            let fill = String(repeating: " ", count: width - clipped.count)
            return left ? clipped + fill : fill + clipped
        }
        let widths = [40, 9, 8, 9, 6, 10, 11]
        return cells.enumerated().map { pad($0.element, widths[$0.offset], left: $0.offset == 0) }.joined(separator: " ")
    }
}

extension Workspace {
    /// The form settings with this workspace's wording, resolved for a registry.
    public func formSettings(for registry: Registry) throws(WorkspaceError) -> FormSettings {
        let (_, forms, _) = try configuration()
        return forms.resolved(for: registry)
    }
}

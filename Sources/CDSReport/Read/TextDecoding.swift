import Foundation

/// Turns the bytes of a CSV file into UTF-8 text, as CONTRACT §3 allows: UTF-8 with or without a
/// byte-order mark, or UTF-16 with one.
enum TextDecoding {
    /// The largest CSV file read: far beyond any province's return, small enough to stay safe.
    static let maximumFileSize = 256 * 1024 * 1024

    /// The UTF-8 bytes of the text, without a byte-order mark.
    /// - Throws: ``UnreadableFile`` with a message a clerk can act on.
    static func utf8Bytes(of data: Data) throws(UnreadableFile) -> [UInt8] {
        guard data.count <= maximumFileSize else {
            throw UnreadableFile("Tệp quá lớn (\(data.count / 1_048_576) MB) để là một báo cáo; hãy kiểm tra lại tệp.")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try validated(Array(bytes.dropFirst(3))) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes.dropFirst(2), littleEndian: false) }
        if looksLikeUTF16WithoutMark(bytes) {
            return try utf16(bytes[...], littleEndian: bytes.count > 1 && bytes[1] == 0)
        }
        if bytes.contains(0) {
            throw UnreadableFile("Tệp không phải tệp văn bản CSV (có byte 0, có thể là tệp nhị phân hoặc bị hỏng); hãy lưu lại bằng Excel dạng \"CSV UTF-8\" hoặc gửi tệp .xlsx.")
        }
        return try validated(bytes)
    }

    private static func validated(_ bytes: [UInt8]) throws(UnreadableFile) -> [UInt8] {
        if bytes.contains(0) {
            throw UnreadableFile("Tệp có ký tự NUL (byte 0): tệp bị hỏng hoặc không phải CSV; hãy lưu lại bằng Excel dạng \"CSV UTF-8\".")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw UnreadableFile(LegacyEncoding.message(for: bytes))
        }
        return bytes
    }

    private static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool) throws(UnreadableFile) -> [UInt8] {
        guard body.count % 2 == 0 else {
            throw UnreadableFile("Tệp UTF-16 bị cắt cụt (số byte lẻ); hãy lưu lại tệp.")
        }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let a = UInt16(body[index]), b = UInt16(body[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw UnreadableFile("Tệp UTF-16 có ký tự không hợp lệ; hãy lưu lại bằng Excel dạng \"CSV UTF-8\".")
        }
        let utf8 = Array(text.utf8)
        if utf8.contains(0) {
            throw UnreadableFile("Tệp có ký tự NUL: tệp bị hỏng hoặc không phải CSV.")
        }
        return utf8
    }

    /// UTF-16 text of ASCII-heavy content has a zero in every other byte.
    private static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(512)
        guard sample.count >= 8, sample.count % 2 == 0 else { return false }
        var evenZeros = 0, oddZeros = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        return (oddZeros * 10 >= half * 9 && evenZeros == 0) || (evenZeros * 10 >= half * 9 && oddZeros == 0)
    }
}

/// Recognises text saved in a legacy Vietnamese encoding, so that the message can name it.
enum LegacyEncoding {
    /// Bytes that Windows-1258 uses for Vietnamese letters and combining tone marks.
    private static let windows1258Marks: Set<UInt8> = [0xC3, 0xE3, 0xD0, 0xF0, 0xD5, 0xF5, 0xDD, 0xFD, 0xCC, 0xEC, 0xD2, 0xDE, 0xF2, 0xDE, 0xEC]

    static func message(for bytes: [UInt8]) -> String {
        let high = bytes.filter { $0 >= 0x80 }
        let marks = high.filter { windows1258Marks.contains($0) }.count
        if !high.isEmpty, marks * 3 >= high.count {
            return "Tệp không phải UTF-8: có vẻ được lưu bằng bảng mã Windows-1258 (hoặc TCVN3/VNI); hãy mở bằng Excel, chọn Lưu thành \"CSV UTF-8 (Comma delimited)\" rồi gửi lại."
        }
        return "Tệp không phải văn bản UTF-8 (có thể là bảng mã cũ như TCVN3, VNI hoặc Windows-1258); hãy mở bằng Excel, chọn Lưu thành \"CSV UTF-8 (Comma delimited)\" rồi gửi lại."
    }
}

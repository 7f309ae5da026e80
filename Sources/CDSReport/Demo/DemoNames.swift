import Foundation
import XLSX

/// Name pools for the synthetic province: an invented province, its districts, communes built from
/// common syllables, and the historical figures Vietnamese schools are named after.
///
/// Every string is normalised to NFC where it is used (`DemoNames.nfc`), whatever form this source
/// file happens to be saved in.
enum DemoNames {
    /// The invented province.
    static let province = "Hà Nam Sơn"

    /// The province's capital city, where the Sở sits.
    static let capital = "Thành phố Nam Sơn"

    /// Fifteen districts: the capital, two district-level towns and twelve rural districts.
    static let districts = [
        "Thành phố Nam Sơn",
        "Thị xã Phú Hưng",
        "Thị xã Đồng Lạc",
        "Huyện An Thịnh",
        "Huyện Bình Lộc",
        "Huyện Kim Thành",
        "Huyện Lạc Sơn",
        "Huyện Mỹ Hòa",
        "Huyện Nghĩa Hưng",
        "Huyện Tân Phong",
        "Huyện Thanh Hà",
        "Huyện Vĩnh Lợi",
        "Huyện Xuân Trường",
        "Huyện Yên Thủy",
        "Huyện Hải Thịnh",
    ]

    /// First and second syllables of commune and ward names ("Xuân Phong", "Bình Lộc").
    static let communeFirst = [
        "An", "Bình", "Đông", "Hòa", "Hưng", "Kim", "Minh", "Nam", "Phú", "Quang", "Tân",
        "Thanh", "Trung", "Văn", "Vĩnh", "Xuân", "Yên", "Đồng", "Hải", "Lạc", "Mỹ", "Ngọc",
        "Phúc", "Tiên", "Cao", "Đại", "Hồng", "Liên", "Nghĩa", "Thái",
    ]
    static let communeSecond = [
        "Phong", "Lộc", "Hòa", "Thành", "Sơn", "Bình", "Hưng", "Lợi", "Thịnh", "Tiến", "Mỹ",
        "Xá", "Khê", "Lâm", "Điền", "Quang", "Trạch", "Dương", "Hải", "Tân", "Phú", "Nghĩa",
        "Cường", "Đức", "Long", "An",
    ]

    /// Historical figures and heroes that schools are commonly named after.
    static let figures = [
        "Lê Lợi", "Nguyễn Trãi", "Trần Hưng Đạo", "Lý Thường Kiệt", "Quang Trung", "Ngô Quyền",
        "Đinh Tiên Hoàng", "Lê Quý Đôn", "Chu Văn An", "Nguyễn Du", "Nguyễn Bỉnh Khiêm",
        "Lương Thế Vinh", "Phan Bội Châu", "Phan Chu Trinh", "Hai Bà Trưng", "Bà Triệu",
        "Lý Tự Trọng", "Võ Thị Sáu", "Kim Đồng", "Nguyễn Văn Trỗi", "Tô Hiệu", "Hoàng Văn Thụ",
        "Trần Phú", "Lê Hồng Phong", "Nguyễn Thị Minh Khai", "Trần Quốc Toản", "Lê Văn Tám",
        "Nguyễn Khuyến", "Nguyễn Đình Chiểu", "Hồ Xuân Hương", "Nguyễn Huệ", "Lý Công Uẩn",
        "Trần Nhân Tông", "Ngô Gia Tự", "Phạm Ngũ Lão", "Yết Kiêu", "Đoàn Thị Điểm",
        "Hàn Thuyên", "Nguyễn Hiền", "Mạc Đĩnh Chi", "Lê Thánh Tông", "Lê Ngọc Hân",
        "Nguyễn Công Trứ", "Tuệ Tĩnh", "Trưng Vương", "Bế Văn Đàn", "Cù Chính Lan",
        "Phan Đình Giót", "Nguyễn Viết Xuân", "Mạc Thị Bưởi", "Nguyễn Thị Định", "Đặng Thai Mai",
    ]

    /// Names preschools often take.
    static let preschool = [
        "Hoa Sen", "Hoa Mai", "Sao Mai", "Họa Mi", "Hoa Hồng", "Sơn Ca", "Hướng Dương",
        "Ánh Dương", "Tuổi Thơ", "Bình Minh", "Hoa Phượng", "Măng Non", "Hoa Ban", "Hoa Lan",
        "Thỏ Ngọc", "Vành Khuyên", "Hoa Sữa", "Ban Mai",
    ]

    /// The district's name without its administrative word: "An Thịnh" for "Huyện An Thịnh".
    static func shortName(of district: String) -> String {
        for prefix in ["Thành phố ", "Thị xã ", "Huyện ", "Quận "] where district.hasPrefix(prefix) {
            return String(district.dropFirst(prefix.count))
        }
        return district
    }

    /// The NFC form of `text`: the contract's text is compared after NFC normalisation, and the
    /// demo's own output is always NFC except where a file deliberately is not.
    static func nfc(_ text: String) -> String {
        text.nfc
    }
}

//! The CNN lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T). The kernel explorer's
//! strings are in `kernel_text.rs`.

crate::i18n::table! {
    CT;
    DataAttribution => "1,797 hand-written digits, 8 × 8 pixels with 17 shades (E. Alpaydin and C. Kaynak, UCI Machine Learning Repository, CC BY 4.0), fetched from this site when the lab opens.",
                       "‏1,797 ספרות בכתב יד, 8 × 8 פיקסלים ב-17 גוונים (E. Alpaydin ו-C. Kaynak, מאגר UCI ללמידת מכונה, רישיון CC BY 4.0), שנטענות מהאתר הזה כשהמעבדה נפתחת.";
}

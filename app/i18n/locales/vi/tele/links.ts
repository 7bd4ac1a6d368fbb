// Hubs and spokes: the links, the network view's remote-support layer, recurring schedules and their calendar file.
export default {
  title: "Hỗ trợ từ xa: trung tâm và cơ sở được hỗ trợ",
} as const;
